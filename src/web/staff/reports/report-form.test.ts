import { describe, expect, it } from 'vitest';
import { INVALID_DATE } from '../../components/date-input.ts';
import { changedTexts, latestStep, periodOf, type PeriodDraft } from './report-form.ts';

const draft = (change: Partial<PeriodDraft>): PeriodDraft => ({ kind: 'fiscal_year', fiscalYear: 2569, quarter: 2, from: '', to: '', ...change });

describe('periodOf', () => {
  it('sends a fiscal year or a quarter as chosen, without the dates', () => {
    expect(periodOf(draft({}))).toEqual({ period: { kind: 'fiscal_year', fiscalYear: 2569 } });
    expect(periodOf(draft({ kind: 'quarter', from: '2026-01-01' }))).toEqual({ period: { kind: 'quarter', fiscalYear: 2569, quarter: 2 } });
  });

  it('sends two dates, and says which is missing, unreadable or before the other', () => {
    expect(periodOf(draft({ kind: 'custom', from: '2026-01-01', to: '2026-03-31' }))).toEqual({ period: { kind: 'custom', from: '2026-01-01', to: '2026-03-31' } });
    expect(periodOf(draft({ kind: 'custom', to: INVALID_DATE }))).toEqual({ problems: { 'period.from': 'required', 'period.to': 'invalid' } });
    expect(periodOf(draft({ kind: 'custom', from: '2026-03-01', to: '2026-02-01' }))).toEqual({ problems: { 'period.to': 'toBeforeFrom' } });
    expect(periodOf(draft({ kind: 'custom', from: '2026-03-01', to: '2026-03-01' }))).toHaveProperty('period');
  });
});

describe('latestStep', () => {
  it('names the furthest step taken', () => {
    expect(latestStep({ submittedAt: null, approvedAt: null, publishedAt: null })).toBeNull();
    expect(latestStep({ submittedAt: 'a', approvedAt: null, publishedAt: null })).toEqual({ step: 'submitted', at: 'a' });
    expect(latestStep({ submittedAt: 'a', approvedAt: 'b', publishedAt: 'c' })).toEqual({ step: 'published', at: 'c' });
  });
});

describe('changedTexts', () => {
  it('keeps only the texts that differ', () => {
    const saved = { documentNumber: '', addressee: 'นายอำเภอ', background: 'ก', analysis: 'ข', problems: '', recommendations: '', preparedByName: '', preparedByPosition: '', approverName: '', approverPosition: '' };
    expect(changedTexts(saved, saved)).toEqual({});
    expect(changedTexts(saved, { ...saved, analysis: 'ข ค', documentNumber: 'พจ 1' })).toEqual({ analysis: 'ข ค', documentNumber: 'พจ 1' });
  });
});
