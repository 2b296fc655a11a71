/**
 * SLA state of a case and the plain-Thai explanation of its deadline. Pure: sla-state-sql.ts writes
 * the same rule in SQL (read at the moment it is asked for), and a test holds them together.
 */
import type { IsoDate } from '../../shared/business-days.ts';
import type { CaseStatus, SlaState } from '../../shared/case-model.ts';

export { SLA_STATES, type SlaState } from '../../shared/case-model.ts';

export const SLA_STATE_LABELS_TH: Record<SlaState, string> = {
  on_track: 'อยู่ในกำหนด',
  due_soon: 'ใกล้ครบกำหนด',
  overdue: 'เกินกำหนด',
  paused: 'หยุดนับเวลา (รอข้อมูลจากผู้ร้อง)',
  met: 'ดำเนินการทันกำหนด',
  missed: 'ดำเนินการเกินกำหนด',
};

export interface SlaFacts {
  status: CaseStatus;
  dueDate: IsoDate;
  dueSoonFrom: IsoDate;
  /** Bangkok day the case was resolved, closed, rejected or merged, if it was. */
  finishedOn: IsoDate | null;
}

/** Statuses in which the clock has stopped for good: the case is met or missed. */
export const FINISHED_STATUSES: readonly CaseStatus[] = ['resolved', 'closed', 'rejected', 'merged'];

/** The state on `today` (a Bangkok date). */
export function slaStateOf(facts: SlaFacts, today: IsoDate): SlaState {
  if (facts.status === 'awaiting_info') return 'paused';
  if (FINISHED_STATUSES.includes(facts.status)) return facts.finishedOn !== null && facts.finishedOn <= facts.dueDate ? 'met' : 'missed';
  if (today > facts.dueDate) return 'overdue';
  if (today >= facts.dueSoonFrom) return 'due_soon';
  return 'on_track';
}

export interface DeadlineFacts {
  targetBusinessDays: number;
  extendedBusinessDays: number;
  pausedBusinessDays: number;
  /** Reasons of the extensions granted, oldest first. */
  extensionReasons: string[];
  paused: boolean;
  legalBasis: string | null;
}

/** Why the due date is what it is, in plain Thai, one sentence a part. */
export function explainDeadlineTh(facts: DeadlineFacts): string[] {
  const parts = [
    facts.legalBasis
      ? `${facts.targetBusinessDays} วันทำการ นับจากวันที่รับเรื่อง ตาม${facts.legalBasis}`
      : `${facts.targetBusinessDays} วันทำการ นับจากวันที่รับเรื่อง`,
  ];
  if (facts.pausedBusinessDays > 0) parts.push(`บวก ${facts.pausedBusinessDays} วันทำการที่หยุดนับระหว่างรอข้อมูลเพิ่มเติมจากผู้ร้อง`);
  for (const reason of facts.extensionReasons) parts.push(`ขยายเวลาเนื่องจาก ${reason}`);
  if (facts.paused) parts.push('ขณะนี้หยุดนับเวลาไว้ระหว่างรอข้อมูลเพิ่มเติมจากผู้ร้อง');
  return parts;
}
