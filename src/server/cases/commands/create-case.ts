/**
 * รับเรื่อง: take in a complaint, from a citizen (web, app) or recorded by staff (phone,
 * counter, post, suggestion box). One transaction: identity, case, first event, first
 * contact, attachments and audit record are written together or not at all; attached files
 * are checked and stored before it and removed again if it fails.
 */
import { randomBytes } from 'node:crypto';
import { bangkokDate } from '../../../shared/business-days.ts';
import type { CaseStatus, Channel } from '../../../shared/case-model.ts';
import { redactPersonalData } from '../../../shared/redaction.ts';
import { searchTerms } from '../../../shared/thai-text.ts';
import { formatTrackingCode } from '../../../shared/tracking-code.ts';
import type { AuthUser } from '../../agencies/sessions.ts';
import type { IncomingFile } from '../../attachments/file-checks.ts';
import { insertAttachments } from '../../attachments/queries.ts';
import { attachmentRows, withStoredFiles, type StoredFile } from '../../attachments/stored-files.ts';
import { upsertCaseLink } from '../../exchange/queries.ts';
import { notifyStaffOf } from '../../notifications/notify.ts';
import { syncCaseRollups } from '../../dashboard/rollups.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/database.ts';
import { forbidden, invalidInput, type ErrorDetail } from '../../platform/errors.ts';
import { canRecordIntake } from '../../agencies/policy/staff.ts';
import { startClock } from '../../sla/deadlines.ts';
import { slaStateOf } from '../../sla/sla-state.ts';
import { newAccessKey } from '../citizen-access.ts';
import { hasIdentity, normaliseIdentity, storeIdentity, type ComplainantIdentity } from '../identity.ts';
import { checkIntakeChannel } from '../../agencies/channels.ts';
import { findAgencyRefById, findRootAgencyId } from '../../agencies/queries.ts';
import { findAdminAreas, findCategory } from '../../reference/queries.ts';
import { lshBands, minhashSignature } from '../../../shared/similarity.ts';
import { findSensitiveTerms } from '../../triage/sensitive-terms.ts';
import { applyTriage, planTriage } from '../../triage/triage-case.ts';
import { appendCaseEvent, findCase, insertCase, insertContact, lockCase } from '../queries.ts';
import { assignByRule } from './hand-over.ts';

export interface ComplaintInput {
  description: string;
  title?: string | undefined;
  categoryCode?: string | undefined;
  channel: Channel;
  location?:
    | {
        provinceCode?: string | undefined;
        districtCode?: string | undefined;
        subdistrictCode?: string | undefined;
        address?: string | undefined;
        lat?: number | undefined;
        lon?: number | undefined;
      }
    | undefined;
  complainant?: ComplainantIdentity | undefined;
  anonymous: boolean;
  confidential: boolean;
  /** Staff only: when the complaint actually arrived (a letter opened today, a box emptied). */
  receivedAt?: Date | undefined;
  /** Staff only: which of the receiving agency's channels took it in ("โทรศัพท์ 0 5662 2353"). */
  agencyChannelId?: string | undefined;
  /** The registered Open311 app that filed it (open311/), named on the case and in the audit record. */
  sourceApp?: { id: string; name: string } | undefined;
}

export interface CreateCaseOptions {
  input: ComplaintInput;
  /** The officer recording it; undefined when a citizen files it themselves. */
  recordedBy?: AuthUser | undefined;
  /** ไฟล์แนบ: files that came with the complaint (photos, letters). */
  files?: readonly IncomingFile[] | undefined;
  /**
   * A citizen's complaint taken in by an agency's own channel (its LINE account, its mailbox):
   * that agency receives it, and input.agencyChannelId names the channel. Default: the root agency.
   */
  receivingAgencyId?: string | undefined;
}

export interface CreatedCase {
  id: string;
  trackingCode: string;
  accessKey: string;
  status: CaseStatus;
  receivedAt: Date;
  dueDate: string;
}

/** How far back staff may date a complaint they record (a late-opened suggestion box). */
const MAX_BACKDATE_DAYS = 366;
const TRACKING_CODE_ATTEMPTS = 8;

export async function createCase(ctx: AppContext, options: CreateCaseOptions): Promise<CreatedCase> {
  const { input, recordedBy } = options;
  if (recordedBy && !canRecordIntake(recordedBy)) throw forbidden('Your role does not record new cases', 'บทบาทของท่านไม่มีสิทธิ์บันทึกรับเรื่องใหม่');
  const now = ctx.now();
  const receivedAt = checkReceivedAt(input.receivedAt, now);
  if (input.anonymous && hasIdentity(input.complainant)) {
    throw invalidInput([
      {
        field: 'complainant',
        message: 'an anonymous complaint carries no identity: leave complainant out or set anonymous to false',
        messageTh: 'เรื่องที่ไม่ประสงค์ออกนามต้องไม่มีข้อมูลผู้ร้อง กรุณาลบข้อมูลผู้ร้องออก หรือเลือกแจ้งแบบระบุตัวตน',
      },
    ]);
  }
  const identity = hasIdentity(input.complainant) ? normaliseIdentity(input.complainant) : undefined;

  const receivingAgencyId = options.receivingAgencyId;
  return withStoredFiles(ctx, options.files ?? [], (files) => ctx.db.transaction((tx) => insertNewCase(tx, ctx, { input, recordedBy, identity, receivedAt, now, receivingAgencyId }, files)));
}

/** Where a case came from when another system sent it (การแลกเปลี่ยนเรื่อง): the partner and its references. */
export interface FromPartner {
  partner: { id: string; code: string; name: string };
  /** The agency of our tree the partner named: it receives and holds the case. */
  agencyId: string;
  agencyCode: string;
  remoteReference: string;
  remoteTrackingCode: string;
  /** The thread's link exists (the partner sent the case again): the caller moves it to the new case. */
  linkExists?: boolean;
}

/**
 * Writes a new case in the caller's transaction — case, identity, first event, contact, files,
 * audit and triage — whoever it came from: a citizen, an officer, or a partner system.
 */
export async function insertNewCase(
  tx: Queryable,
  ctx: AppContext,
  spec: {
    input: ComplaintInput;
    recordedBy?: AuthUser | undefined;
    identity: ComplainantIdentity | undefined;
    receivedAt: Date;
    now: Date;
    fromPartner?: FromPartner | undefined;
    /** The agency whose own channel took a citizen's complaint in (its mailbox); the root otherwise. */
    receivingAgencyId?: string | undefined;
  },
  files: readonly StoredFile[],
): Promise<CreatedCase> {
  const { input, recordedBy, identity, receivedAt, now, fromPartner } = spec;
  const { category, area } = await checkReferences(tx, input);
  const receivingAgencyId = fromPartner?.agencyId ?? recordedBy?.agencyId ?? spec.receivingAgencyId ?? (await findRootAgencyId(tx));
  if (!receivingAgencyId) throw new Error('no agency to receive complaints: seed the agency tree first');
  const receivingAgency = await findAgencyRefById(tx, receivingAgencyId);
  if (!receivingAgency) throw new Error(`receiving agency ${receivingAgencyId} is missing`);
  const agencyChannelId = input.agencyChannelId ? await checkIntakeChannel(tx, { id: input.agencyChannelId, agencyId: receivingAgencyId, channel: input.channel }) : null;
  const complainantId = identity ? await storeIdentity(tx, ctx.protector, identity, now) : null;
  // Search, similarity, the classifier and the sensitive terms read the redacted text: it holds no personal data.
  const redacted = redactPersonalData([input.title, input.description].filter(Boolean).join('\n'));
  // เรื่องอ่อนไหว: by its category, or by its words (ยาบ้า, สินบน…) whatever category it was filed under or none.
  const sensitiveTerms = findSensitiveTerms(redacted);
  const sensitive = (category?.sensitive ?? false) || sensitiveTerms.length > 0;
  const clock = await startClock(tx, {
    receivedAt,
    categoryCode: category?.code ?? null,
    agencyPath: receivingAgency.path,
    officeHours: ctx.config.officeHours,
  });
  const { key: accessKey, hash: accessKeyHash } = newAccessKey();
  const textSignature = minhashSignature(redacted) ?? null;
  const textBands = textSignature ? lshBands(textSignature, area.provinceCode ?? '-') : [];

  let created: { id: string; trackingCode: string } | undefined;
  for (let attempt = 0; !created && attempt < TRACKING_CODE_ATTEMPTS; attempt += 1) {
    const trackingCode = formatTrackingCode(Number(bangkokDate(receivedAt).slice(0, 4)) + 543, randomBytes(6));
    const id = await insertCase(tx, {
      trackingCode,
      accessKeyHash,
      channel: input.channel,
      agencyChannelId,
      sourceAppId: input.sourceApp?.id ?? null,
      title: input.title ?? null,
      description: input.description,
      categoryCode: category?.code ?? null,
      sensitive,
      ...area,
      address: input.location?.address ?? null,
      lat: input.location?.lat ?? null,
      lon: input.location?.lon ?? null,
      complainantId,
      anonymous: input.anonymous,
      // Sensitive matters (drugs, corruption…) protect the complainant by default, however they were recognised.
      confidential: input.confidential || sensitive,
      receivingAgencyId,
      receivedAt,
      dueDate: clock.dueDate,
      slaPolicyId: clock.policy.id,
      targetBusinessDays: clock.policy.targetBusinessDays,
      dueSoonFrom: clock.dueSoonFrom,
      progressDueOn: clock.progressDueOn,
      slaState: slaStateOf({ status: 'received', dueDate: clock.dueDate, dueSoonFrom: clock.dueSoonFrom, finishedOn: null }, bangkokDate(now)),
      searchTerms: searchTerms(redacted),
      textSignature,
      textBands,
      createdByUserId: recordedBy?.id ?? null,
      now,
    });
    if (id) created = { id, trackingCode };
  }
  if (!created) throw new Error('could not draw a free tracking code');

  const receivedSeq = await appendCaseEvent(tx, {
    caseId: created.id,
    at: receivedAt,
    type: 'received',
    visibility: 'public',
    actorUserId: recordedBy?.id ?? null,
    actorAgencyId: receivingAgencyId,
    statusBefore: null,
    statusAfter: 'received',
    payload: { channel: input.channel, recordedAt: now.toISOString(), ...(files.length ? { files: files.length } : {}) },
  });
  await insertAttachments(
    tx,
    // A partner's files are the citizen's, sent on: the citizen saw them, and so may the next system.
    attachmentRows(files, { caseId: created.id, eventSeq: receivedSeq, uploadedBy: recordedBy ? 'staff' : 'citizen', uploadedByUserId: recordedBy?.id ?? null, at: now }),
  );
  if (fromPartner) {
    const fromPartnerSeq = await appendCaseEvent(tx, {
      caseId: created.id,
      at: now,
      type: 'received_from_partner',
      visibility: 'internal',
      actorUserId: null,
      actorAgencyId: receivingAgencyId,
      statusBefore: 'received',
      statusAfter: 'received',
      payload: {
        partner: { code: fromPartner.partner.code, name: fromPartner.partner.name },
        remoteReference: fromPartner.remoteReference,
        remoteTrackingCode: fromPartner.remoteTrackingCode,
        agencyCode: fromPartner.agencyCode,
      },
    });
    // The agency it was sent to hears of it, as of a case assigned to it here.
    await notifyStaffOf(tx, {
      caseId: created.id,
      key: fromPartnerSeq,
      kind: 'assigned',
      notice: 'assigned',
      agencyId: receivingAgencyId,
      detail: `รับเรื่องจากระบบ ${fromPartner.partner.name} (เลขติดตามเรื่องต้นทาง ${fromPartner.remoteTrackingCode})`,
    });
    if (!fromPartner.linkExists) await upsertCaseLink(tx, {
      caseId: created.id,
      partnerId: fromPartner.partner.id,
      direction: 'received',
      threadOrigin: fromPartner.partner.code,
      threadRef: fromPartner.remoteReference,
      remoteReference: fromPartner.remoteReference,
      remoteTrackingCode: fromPartner.remoteTrackingCode,
      at: now,
    });
  }
  await insertContact(tx, { caseId: created.id, at: receivedAt, channel: input.channel, kind: 'initial', recordedByUserId: recordedBy?.id ?? null });
  const record = await lockCase(tx, created.id);
  if (!record) throw new Error(`case ${created.id} vanished in its own transaction`);
  // Triage reads before the audit append: the chain's head row stays locked from then to commit.
  const triage = await planTriage(tx, ctx, {
    record,
    text: redacted,
    sensitiveTerms,
    signature: textSignature,
    bands: textBands,
    filedCategory: category,
    recordedByStaff: recordedBy !== undefined,
    now,
  });
  await recordAudit(tx, {
    actor: recordedBy ? { userId: recordedBy.id, label: recordedBy.username } : { userId: null, label: fromPartner ? `partner:${fromPartner.partner.code}` : input.sourceApp ? `open311:${input.sourceApp.name}` : 'citizen' },
    action: 'case.create',
    entityType: 'case',
    entityId: created.id,
    details: { trackingCode: created.trackingCode, channel: input.channel, anonymous: input.anonymous, ...(files.length ? { files: files.length } : {}) },
    at: now,
  });
  const outcome = await applyTriage(tx, ctx, triage);
  if (outcome.decision === 'auto_assigned') await assignByRule(tx, ctx, { record, assignment: outcome.assignment, now });
  // Triage may have assigned it, under the new holder's deadline.
  const triaged = (await findCase(tx, created.id)) ?? record;
  await syncCaseRollups(tx, created.id);
  return { id: created.id, trackingCode: created.trackingCode, accessKey, status: triaged.status, receivedAt, dueDate: triaged.dueDate };
}

function checkReceivedAt(receivedAt: Date | undefined, now: Date): Date {
  if (!receivedAt) return now;
  if (receivedAt.getTime() > now.getTime() + 60_000) {
    throw invalidInput([{ field: 'receivedAt', message: 'cannot be in the future', messageTh: 'ต้องไม่เป็นเวลาในอนาคต' }]);
  }
  if (now.getTime() - receivedAt.getTime() > MAX_BACKDATE_DAYS * 86_400_000) {
    throw invalidInput([{ field: 'receivedAt', message: `cannot be more than ${MAX_BACKDATE_DAYS} days ago`, messageTh: `ย้อนหลังได้ไม่เกิน ${MAX_BACKDATE_DAYS} วัน` }]);
  }
  return receivedAt;
}

/** Category and area codes must exist and agree with each other. */
async function checkReferences(tx: Queryable, input: ComplaintInput) {
  const problems: ErrorDetail[] = [];
  const category = input.categoryCode ? await findCategory(tx, input.categoryCode) : undefined;
  if (input.categoryCode && (!category || !category.active)) {
    problems.push({ field: 'categoryCode', message: `unknown category ${input.categoryCode}`, messageTh: `ไม่พบประเภทเรื่อง ${input.categoryCode}` });
  }
  const location = input.location;
  let areas = new Map<string, { level: string; parentCode: string | null }>();
  if (location) {
    const codes = [location.provinceCode, location.districtCode, location.subdistrictCode].filter((code): code is string => Boolean(code));
    areas = await findAdminAreas(tx, codes);
    const province = location.provinceCode;
    const district = location.districtCode;
    if (province && areas.get(province)?.level !== 'province') problems.push({ field: 'location.provinceCode', message: `unknown province ${province}`, messageTh: `ไม่พบจังหวัดรหัส ${province}` });
    if (district) {
      const found = areas.get(district);
      if (!found || found.level !== 'district') problems.push({ field: 'location.districtCode', message: `unknown district ${district}`, messageTh: `ไม่พบอำเภอรหัส ${district}` });
      else if (province && found.parentCode !== province) {
        problems.push({ field: 'location.districtCode', message: `district ${district} is not in province ${province}`, messageTh: `อำเภอรหัส ${district} ไม่อยู่ในจังหวัดรหัส ${province}` });
      }
    }
    if (location.subdistrictCode) {
      const found = areas.get(location.subdistrictCode);
      if (!found || found.level !== 'subdistrict') {
        problems.push({ field: 'location.subdistrictCode', message: `unknown subdistrict ${location.subdistrictCode}`, messageTh: `ไม่พบตำบลรหัส ${location.subdistrictCode}` });
      } else if (district && found.parentCode !== district) {
        problems.push({ field: 'location.subdistrictCode', message: `subdistrict ${location.subdistrictCode} is not in district ${district}`, messageTh: `ตำบลรหัส ${location.subdistrictCode} ไม่อยู่ในอำเภอรหัส ${district}` });
      }
    }
  }
  if (problems.length) throw invalidInput(problems);
  return { category, area: completeArea(location, areas) };
}

/** Fills in the district and province above a given subdistrict or district. */
function completeArea(
  location: ComplaintInput['location'],
  areas: Map<string, { level: string; parentCode: string | null }>,
): { provinceCode: string | null; districtCode: string | null; subdistrictCode: string | null } {
  const subdistrictCode = location?.subdistrictCode ?? null;
  const districtCode = location?.districtCode ?? (subdistrictCode ? (areas.get(subdistrictCode)?.parentCode ?? null) : null);
  const provinceCode = location?.provinceCode ?? (districtCode ? (areas.get(districtCode)?.parentCode ?? null) : null);
  return { provinceCode, districtCode, subdistrictCode };
}
