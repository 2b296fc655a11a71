/** What every change of a report shares: loading it in the user's scope, the errors, its audit record. */
import type { AuditContent } from '../../shared/audit-actions.ts';
import { subtreePattern } from '../agencies/scope.ts';
import type { AuthUser } from '../agencies/sessions.ts';
import type { TypedAuditEntry } from '../platform/audit.ts';
import type { Queryable } from '../platform/database.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import { findReportInScope, type ReportRow } from './queries.ts';

/** The LIKE pattern of the user's agency subtree: the reports they may reach at all. */
export function scopeOf(user: Pick<AuthUser, 'agencyPath'>): string {
  return subtreePattern(user.agencyPath);
}

export function reportNotFound(): Error {
  return notFound('Report', 'รายงาน');
}

export function reportForbidden(): Error {
  return forbidden('Your role does not allow this step of the report', 'บทบาทของท่านไม่มีสิทธิ์ดำเนินการขั้นตอนนี้ของรายงาน');
}

/** The report, locked for a change; 404 when it is not in the user's subtree. */
export async function loadReportForChange(tx: Queryable, user: AuthUser, id: string): Promise<ReportRow> {
  const report = await findReportInScope(tx, id, scopeOf(user), { lock: true });
  if (!report) throw reportNotFound();
  return report;
}

type ReportAuditAction = Extract<AuditContent['action'], `report.${string}`>;
type Extra<A extends ReportAuditAction> = Omit<Extract<AuditContent, { action: A }>['details'], 'agencyCode' | 'from' | 'to' | 'version'>;

/** The audit record of a step on `report` (its agency, period and version), with what the step adds. */
export function reportAudit<A extends ReportAuditAction>(user: AuthUser, report: ReportRow, action: A, extra: Extra<A>, at: Date): TypedAuditEntry {
  const details = { agencyCode: report.agencyCode, from: report.periodFrom, to: report.periodTo, version: report.version, ...extra };
  return { actor: { userId: user.id, label: user.username }, action, entityType: 'complaint_report', entityId: report.id, details, at } as TypedAuditEntry;
}
