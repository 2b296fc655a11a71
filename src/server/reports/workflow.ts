/**
 * The report's workflow: draft → submitted (by the officer) → approved, or sent back with a
 * comment and submitted again → published. An approved report is frozen; a correction is a new
 * version (revise) of the latest approved or published one. Pure: the states each step starts
 * from, and the actions a user may take now (the policy's rights and the state together).
 */
import type { ReportAction, ReportState } from '../../shared/api/reports.ts';
import { canApproveReport, canPrepareReport } from '../agencies/policy/report.ts';
import type { Actor } from '../agencies/policy/staff.ts';

/** The steps that move a report, from which states and to which. */
export const REPORT_STEPS = {
  submit: { from: ['draft', 'sent_back'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  'send-back': { from: ['submitted'], to: 'sent_back' },
  publish: { from: ['approved'], to: 'published' },
} as const satisfies Record<string, { from: readonly ReportState[]; to: ReportState }>;
export type ReportStep = keyof typeof REPORT_STEPS;

/** States in which the texts may change (and the figures are counted again). */
export const EDITABLE_STATES: readonly ReportState[] = ['draft', 'sent_back'];
/** States a new version may be made from. */
export const REVISABLE_STATES: readonly ReportState[] = ['approved', 'published'];

export interface ReportStanding {
  state: ReportState;
  agencyPath: string;
  submittedByUserId: string | null;
  /** No later version of the same agency and period exists. */
  latest: boolean;
}

/** May the report in `state` take `step`? */
export function stepAllowed(step: ReportStep, state: ReportState): boolean {
  return (REPORT_STEPS[step].from as readonly ReportState[]).includes(state);
}

/** What `actor` may do with the report now. */
export function reportActionsFor(actor: Actor & { id: string; agencyPath: string }, report: ReportStanding): ReportAction[] {
  const prepares = canPrepareReport(actor, report.agencyPath);
  const approves = canApproveReport(actor, report);
  const actions: ReportAction[] = [];
  if (prepares && EDITABLE_STATES.includes(report.state)) actions.push('edit', 'submit');
  if (approves && stepAllowed('approve', report.state)) actions.push('approve', 'send-back');
  if ((prepares || approves) && stepAllowed('publish', report.state)) actions.push('publish');
  if (prepares && report.latest && REVISABLE_STATES.includes(report.state)) actions.push('revise');
  return actions;
}
