/**
 * Making a report: the first draft of an agency's report for a period, or a new version of an
 * approved or published one that says what changed. Either way the figures are counted now;
 * a first draft gets the texts the system proposes, a new version the texts of the one before.
 * One transaction each, with its audit record.
 */
import type { NewReport, ReportTexts } from '../../shared/api/reports.ts';
import { bangkokDate } from '../../shared/business-days.ts';
import { periodLabelTh, resolvePeriod, type ReportPeriod } from '../../shared/fiscal-period.ts';
import { canPrepareReport } from '../agencies/policy/report.ts';
import { findAgencyRefByCode, findAgencyRefById } from '../agencies/queries.ts';
import type { AuthUser } from '../agencies/sessions.ts';
import { recordAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import type { Queryable } from '../platform/database.ts';
import { conflict, forbidden, invalidInput, notFound } from '../platform/errors.ts';
import { computeFigures } from './compute-figures.ts';
import { proposeTexts } from './draft-text.ts';
import { findReportInScope, insertReport, latestReportVersion, type ReportRow } from './queries.ts';
import { loadReportForChange, reportAudit, reportForbidden, scopeOf } from './report-access.ts';
import { REVISABLE_STATES } from './workflow.ts';

/** The memo's lines the officer fills in (document number, addressee, signatures): empty in a first draft. */
const EMPTY_MEMO = { documentNumber: '', addressee: '', preparedByName: '', preparedByPosition: '', approverName: '', approverPosition: '' };

/** Creates the first draft of an agency's report (the user's own agency by default) for a period. */
export async function createReport(ctx: AppContext, options: { user: AuthUser; input: NewReport }): Promise<ReportRow> {
  const { user, input } = options;
  const period = resolvePeriod(input.period);
  const now = ctx.now();
  if (period.from > bangkokDate(now)) {
    throw invalidInput([{ field: 'period', message: 'the period has not started yet', messageTh: 'ช่วงเวลารายงานยังไม่เริ่มต้น' }]);
  }
  return ctx.db.transaction(async (tx) => {
    const agency = await agencyToReportOn(tx, user, input.agencyCode);
    if ((await latestReportVersion(tx, agency.id, period.from, period.to)) > 0) throw reportExists(agency.code, period);
    const figures = await computeFigures(tx, agency.id, period, now);
    const texts: ReportTexts = { ...EMPTY_MEMO, ...proposeTexts({ agencyNameTh: agency.nameTh, periodTh: periodLabelTh(period), figures }) };
    const id = await insertReport(tx, { agencyId: agency.id, period, version: 1, changeNote: null, figures, texts, createdByUserId: user.id, at: now });
    if (!id) throw reportExists(agency.code, period);
    const created = await findReportInScope(tx, id, scopeOf(user));
    if (!created) throw new Error('the report just created is missing');
    await recordAudit(tx, reportAudit(user, created, 'report.create', {}, now));
    return created;
  });
}

/** A new version (draft) of the latest approved or published report, its figures counted again, saying what changed. */
export async function reviseReport(ctx: AppContext, options: { user: AuthUser; id: string; changeNote: string }): Promise<ReportRow> {
  const { user, id, changeNote } = options;
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const report = await loadReportForChange(tx, user, id);
    if (!canPrepareReport(user, report.agencyPath)) throw reportForbidden();
    if (!report.latest || !REVISABLE_STATES.includes(report.state)) {
      throw conflict('report_not_revisable', 'Only the latest version of an approved or published report takes a new version', 'แก้ไขเป็นฉบับใหม่ได้เฉพาะรายงานฉบับล่าสุดที่อนุมัติหรือเผยแพร่แล้วเท่านั้น');
    }
    const period = { from: report.periodFrom, to: report.periodTo };
    const figures = await computeFigures(tx, report.agencyId, period, now);
    const newId = await insertReport(tx, {
      agencyId: report.agencyId,
      period: { kind: report.periodKind, fiscalYear: report.fiscalYear, quarter: report.quarter, ...period },
      version: report.version + 1,
      changeNote,
      figures,
      texts: report.texts,
      createdByUserId: user.id,
      at: now,
    });
    if (!newId) throw conflict('report_exists', 'A newer version was made meanwhile', 'มีผู้จัดทำรายงานฉบับใหม่กว่านี้แล้ว');
    const created = await findReportInScope(tx, newId, scopeOf(user));
    if (!created) throw new Error('the report just created is missing');
    await recordAudit(tx, reportAudit(user, created, 'report.create', { changeNote }, now));
    return created;
  });
}

/** The agency a new report is of: the named one or the user's own; 404 outside the user's subtree, 403 for a role that prepares none. */
async function agencyToReportOn(tx: Queryable, user: AuthUser, agencyCode: string | undefined) {
  const agency = agencyCode === undefined ? await findAgencyRefById(tx, user.agencyId) : await findAgencyRefByCode(tx, agencyCode);
  if (!agency || !agency.path.startsWith(user.agencyPath)) throw notFound(`Agency ${agencyCode ?? ''}`.trim(), `หน่วยงาน ${agencyCode ?? ''}`.trim());
  if (!canPrepareReport(user, agency.path)) throw forbidden('Your role does not prepare complaint reports', 'บทบาทของท่านไม่มีหน้าที่จัดทำรายงานผลการดำเนินงานเรื่องร้องเรียน');
  return agency;
}

function reportExists(agencyCode: string, period: ReportPeriod): Error {
  return conflict(
    'report_exists',
    `${agencyCode} already has a report for ${period.from} – ${period.to}: edit it, or make a new version of it once approved`,
    `หน่วยงาน ${agencyCode} มีรายงานของช่วงเวลานี้อยู่แล้ว โปรดแก้ไขฉบับเดิม หรือจัดทำฉบับแก้ไขเมื่อได้รับอนุมัติแล้ว`,
    [{ field: 'period', message: 'a report of this period exists', messageTh: 'มีรายงานของช่วงเวลานี้อยู่แล้ว' }],
  );
}
