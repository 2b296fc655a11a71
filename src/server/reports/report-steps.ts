/**
 * The steps of a report's workflow after it is made (workflow.ts): editing the texts of a draft
 * or a report sent back, submitting it (the officer), approving it or sending it back with a
 * comment (the head: policy/report.ts), publishing it once approved. While a report may change,
 * its figures are counted again on each edit and on submission; from approval on it is frozen.
 * Each step is one transaction with its audit record: 404 outside the user's subtree, 403
 * without the right, 409 when the report's state does not allow the step.
 */
import { ReportTextsSchema, type ReportAction, type ReportTexts } from '../../shared/api/reports.ts';
import { canApproveReport, canPrepareReport } from '../agencies/policy/report.ts';
import type { AuthUser } from '../agencies/sessions.ts';
import { recordAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { conflict } from '../platform/errors.ts';
import { computeFigures } from './compute-figures.ts';
import { findReportInScope, updateReport, type ReportRow } from './queries.ts';
import { loadReportForChange, reportAudit, reportForbidden, scopeOf } from './report-access.ts';
import { EDITABLE_STATES, REPORT_STEPS, stepAllowed, type ReportStep } from './workflow.ts';
import type { Queryable } from '../platform/database.ts';

/** PATCH: changes some of the texts; the audit names the fields that changed. */
export async function editReport(ctx: AppContext, options: { user: AuthUser; id: string; texts: Partial<ReportTexts> }): Promise<ReportRow> {
  const { user, id } = options;
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const report = await loadReportForChange(tx, user, id);
    if (!canPrepareReport(user, report.agencyPath)) throw reportForbidden();
    if (!EDITABLE_STATES.includes(report.state)) throw notNow('edit');
    const texts: ReportTexts = { ...report.texts, ...definedOnly(options.texts) };
    // In the order of the memo (the contract's), not of the stored JSON.
    const fields = (Object.keys(ReportTextsSchema.shape) as Array<keyof ReportTexts>).filter((key) => texts[key] !== report.texts[key]);
    const figures = await computeFigures(tx, report.agencyId, { from: report.periodFrom, to: report.periodTo }, now);
    await updateReport(tx, id, { texts, figures }, now);
    if (fields.length > 0) await recordAudit(tx, reportAudit(user, report, 'report.update', { fields }, now));
    return reload(tx, user, id);
  });
}

/** Submits a draft (or a report sent back) to the head, its figures counted once more. */
export async function submitReport(ctx: AppContext, options: { user: AuthUser; id: string }): Promise<ReportRow> {
  return takeStep(ctx, options, 'submit', async (tx, report, now) => {
    const figures = await computeFigures(tx, report.agencyId, { from: report.periodFrom, to: report.periodTo }, now);
    await updateReport(tx, report.id, { figures, state: REPORT_STEPS.submit.to, submittedByUserId: options.user.id, stamp: 'submitted_at' }, now);
    await recordAudit(tx, reportAudit(options.user, report, 'report.submit', {}, now));
  });
}

/** The head approves a submitted report: from now on it is frozen. */
export async function approveReport(ctx: AppContext, options: { user: AuthUser; id: string }): Promise<ReportRow> {
  return takeStep(ctx, options, 'approve', async (tx, report, now) => {
    await updateReport(tx, report.id, { state: REPORT_STEPS.approve.to, approvedByUserId: options.user.id, reviewComment: null, stamp: 'approved_at' }, now);
    await recordAudit(tx, reportAudit(options.user, report, 'report.approve', {}, now));
  });
}

/** The head sends a submitted report back to be changed, saying why. */
export async function sendBackReport(ctx: AppContext, options: { user: AuthUser; id: string; comment: string }): Promise<ReportRow> {
  return takeStep(ctx, options, 'send-back', async (tx, report, now) => {
    await updateReport(tx, report.id, { state: REPORT_STEPS['send-back'].to, reviewComment: options.comment }, now);
    await recordAudit(tx, reportAudit(options.user, report, 'report.send_back', { comment: options.comment }, now));
  });
}

/** Publishes an approved report: its figures (small counts hidden) and texts become public. */
export async function publishReport(ctx: AppContext, options: { user: AuthUser; id: string }): Promise<ReportRow> {
  return takeStep(ctx, options, 'publish', async (tx, report, now) => {
    await updateReport(tx, report.id, { state: REPORT_STEPS.publish.to, stamp: 'published_at' }, now);
    await recordAudit(tx, reportAudit(options.user, report, 'report.publish', {}, now));
  });
}

/** Who may take each step: the preparers submit, the head approves and sends back, either publishes. */
function mayTake(step: ReportStep, user: AuthUser, report: ReportRow): boolean {
  if (step === 'submit') return canPrepareReport(user, report.agencyPath);
  if (step === 'publish') return canPrepareReport(user, report.agencyPath) || canApproveReport(user, report);
  return canApproveReport(user, report);
}

/** The recipe of a step: load in scope (404), rights (403), state (409), effect, then the report as it is now. */
async function takeStep(
  ctx: AppContext,
  options: { user: AuthUser; id: string },
  step: ReportStep,
  effect: (tx: Queryable, report: ReportRow, now: Date) => Promise<void>,
): Promise<ReportRow> {
  const { user, id } = options;
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const report = await loadReportForChange(tx, user, id);
    if (!mayTake(step, user, report)) throw reportForbidden();
    if (!stepAllowed(step, report.state)) throw notNow(step);
    await effect(tx, report, now);
    return reload(tx, user, id);
  });
}

async function reload(tx: Queryable, user: AuthUser, id: string): Promise<ReportRow> {
  const report = await findReportInScope(tx, id, scopeOf(user));
  if (!report) throw new Error('the report just changed is missing');
  return report;
}

const STEP_TH: Record<Extract<ReportAction, 'edit' | ReportStep>, string> = {
  edit: 'แก้ไข',
  submit: 'เสนอ',
  approve: 'อนุมัติ',
  'send-back': 'ส่งกลับแก้ไข',
  publish: 'เผยแพร่',
};

function notNow(step: Extract<ReportAction, 'edit' | ReportStep>): Error {
  return conflict('report_state', `The report's state does not allow "${step}" now (an approved report is frozen: make a new version)`, `สถานะของรายงานไม่อนุญาตให้${STEP_TH[step]}ในขณะนี้ (รายงานที่อนุมัติแล้วแก้ไขไม่ได้ ให้จัดทำฉบับแก้ไขแทน)`);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
