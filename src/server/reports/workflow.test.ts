import { describe, expect, it } from 'vitest';
import { REPORT_STATES, type ReportState } from '../../shared/api/reports.ts';
import { reportActionsFor, stepAllowed } from './workflow.ts';

const officer = { id: 'officer', role: 'case_officer' as const, agencyPath: '/hub/dho/' };
const head = { id: 'head', role: 'cceo' as const, agencyPath: '/hub/' };
const standing = (state: ReportState, latest = true) => ({ state, agencyPath: '/hub/dho/', submittedByUserId: 'officer', latest });

describe('report workflow', () => {
  it('moves draft or sent back to submitted, submitted to approved or sent back, approved to published, and nothing else', () => {
    const allowed = (step: Parameters<typeof stepAllowed>[0]) => REPORT_STATES.filter((state) => stepAllowed(step, state));
    expect(allowed('submit')).toEqual(['draft', 'sent_back']);
    expect(allowed('approve')).toEqual(['submitted']);
    expect(allowed('send-back')).toEqual(['submitted']);
    expect(allowed('publish')).toEqual(['approved']);
  });

  it('gives the officer editing and submitting, the head approving, both publishing, and revising the latest approved or published version', () => {
    const table = REPORT_STATES.map((state) => [state, reportActionsFor(officer, standing(state)), reportActionsFor(head, standing(state))]);
    expect(table).toEqual([
      // The CCEO works on complaints too: it may prepare a report as well as approve another's.
      ['draft', ['edit', 'submit'], ['edit', 'submit']],
      ['submitted', [], ['approve', 'send-back']],
      ['sent_back', ['edit', 'submit'], ['edit', 'submit']],
      ['approved', ['publish', 'revise'], ['publish', 'revise']],
      ['published', ['revise'], ['revise']],
    ]);
    // The case officer never approves; the head never approves what it submitted itself.
    expect(reportActionsFor(head, { ...standing('submitted'), submittedByUserId: 'head' })).toEqual([]);
    expect(reportActionsFor(officer, standing('published', false))).toEqual([]);
  });
});
