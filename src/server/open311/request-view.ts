/**
 * A case as Open311 shows it (GeoReport v2 "service request"): pure, so what leaves is decided
 * in one place. Nothing of the complainant leaves; the description and the status notes leave
 * redacted (redaction.ts), and a sensitive or confidential case's description and place not at all.
 * Attachments never leave: media_url is left empty.
 */
import { toBuddhistEraDate } from '../../shared/business-days.ts';
import { OPEN_STATUSES, type CaseStatus } from '../../shared/case-model.ts';
import { redactPersonalData } from '../../shared/redaction.ts';

export type Open311Status = 'open' | 'closed';

/**
 * open: an agency still has it to do (received … awaiting_info); closed: done with — resolved
 * (a resolved case reopened by the citizen is open again), closed, rejected or merged.
 */
export function open311Status(status: CaseStatus): Open311Status {
  return OPEN_STATUSES.includes(status) ? 'open' : 'closed';
}

/** The case statuses an Open311 status filter stands for. */
export function caseStatusesOf(statuses: readonly Open311Status[]): CaseStatus[] {
  const all: CaseStatus[] = ['received', 'screening', 'assigned', 'in_progress', 'awaiting_info', 'resolved', 'closed', 'rejected', 'merged'];
  return all.filter((status) => statuses.includes(open311Status(status)));
}

/** A case filed through an app, as request-queries.ts reads it. */
export interface RequestFacts {
  trackingCode: string;
  status: CaseStatus;
  categoryCode: string | null;
  categoryNameTh: string | null;
  description: string;
  sensitive: boolean;
  confidential: boolean;
  holderNameTh: string;
  receivedAt: Date;
  updatedAt: Date;
  dueDate: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  /** The latest public text staff wrote to the citizen (a reply, the result, an extension's reason). */
  latestPublicText: string | null;
}

/** An instant as the specification writes it (ISO 8601 with its offset), in Bangkok time (UTC+7, no daylight saving). */
export function bangkokDateTime(instant: Date): string {
  return `${new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

/** What the agency will do, said to the app: by when, while the case is open. */
export function serviceNotice(status: CaseStatus, dueDate: string): string | null {
  return open311Status(status) === 'open' ? `หน่วยงานจะดำเนินการให้แล้วเสร็จภายในวันที่ ${toBuddhistEraDate(dueDate)}` : null;
}

/** The service request, its elements in the specification's order. */
export function presentRequest(facts: RequestFacts, officeHoursEnd: string) {
  const shareable = !facts.sensitive && !facts.confidential;
  return {
    service_request_id: facts.trackingCode,
    status: open311Status(facts.status),
    status_notes: facts.latestPublicText ? redactPersonalData(facts.latestPublicText) : null,
    service_name: facts.categoryNameTh,
    service_code: facts.categoryCode,
    description: shareable ? redactPersonalData(facts.description) : null,
    agency_responsible: facts.holderNameTh,
    service_notice: serviceNotice(facts.status, facts.dueDate),
    requested_datetime: bangkokDateTime(facts.receivedAt),
    updated_datetime: bangkokDateTime(facts.updatedAt),
    // The deadline is a day: the end of office hours on it.
    expected_datetime: `${facts.dueDate}T${officeHoursEnd}:00+07:00`,
    // Where a sensitive matter is (a drug house) can tell who complained: it stays with us.
    address: shareable && facts.address !== null ? redactPersonalData(facts.address) : null,
    address_id: null,
    zipcode: null,
    lat: shareable ? facts.lat : null,
    long: shareable ? facts.lon : null,
    media_url: null,
  };
}
