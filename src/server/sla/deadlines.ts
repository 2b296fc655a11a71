/**
 * Deadline arithmetic of a case, on the holiday calendar of the agency holding it: the clock
 * started at receipt, paused while awaiting the citizen, extended with a reason.
 */
import {
  addBusinessDays,
  addCalendarDays,
  bangkokDate,
  businessDaysBetween,
  dueDateForReceipt,
  isBusinessDay,
  receiptDay,
  type IsoDate,
  type OfficeHours,
} from '../../shared/business-days.ts';
import type { Queryable } from '../platform/database.ts';
import { thaiDate } from '../platform/thai-messages.ts';
import { loadHolidays } from './holiday-queries.ts';
import { resolveSlaPolicy, type SlaPolicy } from './policy-queries.ts';

/** A window wide enough for any deadline computed from `day` (extensions included). */
async function holidaysNear(tx: Queryable, day: IsoDate, agencyPath: string): Promise<Set<string>> {
  return loadHolidays(tx, addCalendarDays(day, -120), addCalendarDays(day, 800), agencyPath);
}

/** The business day `n` business days before `date` (n ≥ 0). */
export function businessDaysBefore(date: IsoDate, n: number, holidays: ReadonlySet<string>): IsoDate {
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addCalendarDays(day, -1);
    if (isBusinessDay(day, holidays)) counted += 1;
  }
  return day;
}

export interface ClockStart {
  policy: SlaPolicy;
  dueDate: IsoDate;
  dueSoonFrom: IsoDate;
  progressDueOn: IsoDate;
}

/** The policy and deadlines of a case received now. */
export async function startClock(
  tx: Queryable,
  options: { receivedAt: Date; categoryCode: string | null; agencyPath: string; officeHours: OfficeHours },
): Promise<ClockStart> {
  const policy = await resolveSlaPolicy(tx, options.categoryCode, options.agencyPath);
  const holidays = await holidaysNear(tx, bangkokDate(options.receivedAt), options.agencyPath);
  const dueDate = dueDateForReceipt(options.receivedAt, policy.targetBusinessDays, holidays, options.officeHours);
  return {
    policy,
    dueDate,
    dueSoonFrom: businessDaysBefore(dueDate, policy.dueSoonBusinessDays, holidays),
    progressDueOn: addBusinessDays(receiptDay(options.receivedAt, holidays, options.officeHours), policy.progressIntervalBusinessDays, holidays),
  };
}

/**
 * The deadline under the policy of a new holder: its target from the receipt, plus the
 * business days already paused and granted by extensions. Undefined when the policy is the same.
 */
export async function rebaseClock(
  tx: Queryable,
  options: {
    currentPolicyId: string | null;
    receivedAt: Date;
    categoryCode: string | null;
    agencyPath: string;
    pausedBusinessDays: number;
    extendedBusinessDays: number;
    officeHours: OfficeHours;
  },
): Promise<(MovedDeadline & { policy: SlaPolicy }) | undefined> {
  const policy = await resolveSlaPolicy(tx, options.categoryCode, options.agencyPath);
  if (policy.id === options.currentPolicyId) return undefined;
  const holidays = await holidaysNear(tx, bangkokDate(options.receivedAt), options.agencyPath);
  const base = dueDateForReceipt(options.receivedAt, policy.targetBusinessDays, holidays, options.officeHours);
  const dueDate = addBusinessDays(base, options.pausedBusinessDays + options.extendedBusinessDays, holidays);
  return { policy, dueDate, dueSoonFrom: businessDaysBefore(dueDate, policy.dueSoonBusinessDays, holidays), businessDays: 0 };
}

/**
 * The day `businessDays` business days after `day` on the calendar of the agency at
 * `agencyPath`: the next progress update, the end of a confirmation window (ระยะยืนยันผล), the
 * day an overdue case goes to the CCEO.
 */
export async function businessDaysAfter(tx: Queryable, day: IsoDate, businessDays: number, agencyPath: string): Promise<IsoDate> {
  return addBusinessDays(day, businessDays, await holidaysNear(tx, day, agencyPath));
}

export interface MovedDeadline {
  dueDate: IsoDate;
  dueSoonFrom: IsoDate;
  /** Business days the deadline moved by. */
  businessDays: number;
}

/**
 * The clock resumes: the business days it stood still (from the day after the pause to the day
 * of the answer) push the deadline back by as many business days.
 */
export async function resumeClock(tx: Queryable, options: { pausedAt: Date; now: Date; dueDate: IsoDate; policy: SlaPolicy; agencyPath: string }): Promise<MovedDeadline> {
  const pausedOn = bangkokDate(options.pausedAt);
  const holidays = await holidaysNear(tx, pausedOn, options.agencyPath);
  const stood = Math.max(0, businessDaysBetween(pausedOn, bangkokDate(options.now), holidays));
  const dueDate = addBusinessDays(options.dueDate, stood, holidays);
  return { dueDate, dueSoonFrom: businessDaysBefore(dueDate, options.policy.dueSoonBusinessDays, holidays), businessDays: stood };
}

export type ExtensionRequest = { newDueDate: IsoDate } | { businessDays: number };

export type ExtensionPlan =
  | ({ ok: true } & MovedDeadline)
  | { ok: false; field: string; message: string; messageTh: string };

/**
 * ขยายเวลา: the new deadline of a complex case. Refused when it is not later than the current
 * one, not a business day, or past a statutory deadline.
 */
export async function planExtension(
  tx: Queryable,
  options: {
    request: ExtensionRequest;
    dueDate: IsoDate;
    receivedAt: Date;
    pausedBusinessDays: number;
    policy: SlaPolicy;
    agencyPath: string;
    officeHours: OfficeHours;
  },
): Promise<ExtensionPlan> {
  const holidays = await holidaysNear(tx, options.dueDate, options.agencyPath);
  const { request, policy } = options;
  const dueDate = 'businessDays' in request ? addBusinessDays(options.dueDate, request.businessDays, holidays) : request.newDueDate;
  if (dueDate <= options.dueDate) {
    return { ok: false, field: 'newDueDate', message: `must be after the current due date ${options.dueDate}`, messageTh: `ต้องหลังวันครบกำหนดเดิม (${thaiDate(options.dueDate)})` };
  }
  if (!isBusinessDay(dueDate, holidays)) return { ok: false, field: 'newDueDate', message: `${dueDate} is not a business day`, messageTh: `${thaiDate(dueDate)} ไม่ใช่วันทำการ` };
  if (policy.statutoryBusinessDays !== null) {
    const statutory = addBusinessDays(
      dueDateForReceipt(options.receivedAt, policy.statutoryBusinessDays, holidays, options.officeHours),
      options.pausedBusinessDays,
      holidays,
    );
    if (dueDate > statutory) {
      return {
        ok: false,
        field: 'businessDays' in request ? 'businessDays' : 'newDueDate',
        message: `past the statutory deadline ${statutory}${policy.legalBasis ? ` (${policy.legalBasis})` : ''}`,
        messageTh: `เกินกำหนดเวลาตามกฎหมาย ${thaiDate(statutory)}${policy.legalBasis ? ` (${policy.legalBasis})` : ''}`,
      };
    }
  }
  return {
    ok: true,
    dueDate,
    dueSoonFrom: businessDaysBefore(dueDate, policy.dueSoonBusinessDays, holidays),
    businessDays: businessDaysBetween(options.dueDate, dueDate, holidays),
  };
}
