/**
 * What the conversation asks for, carried out through the same use cases as the web: a new
 * case through createCase (triage, SLA, rollups and audit as for any case), information and
 * ratings through what the tracking page's routes call (recordCitizenMessage, recordFeedback),
 * counted as contacts of the chat's channel. A citizen reaches in the chat only the cases they
 * filed in it: the chat account knows them, so no access key is asked.
 */
import { CASE_STATUS_LABELS_TH, OPEN_STATUSES, type Channel } from '../../shared/case-model.ts';
import type { IncomingFile } from '../attachments/file-checks.ts';
import { withStoredFiles } from '../attachments/stored-files.ts';
import { addCitizenMessageInChat, rateInChat } from './chat-case-steps.ts';
import { createCase } from '../cases/commands/create-case.ts';
import { DEFAULT_PUBLIC_URL } from '../notifications/config.ts';
import { trackingUrl } from '../notifications/templates.ts';
import type { AppContext } from '../platform/context.ts';
import { thaiDate } from '../platform/thai-messages.ts';
import { findChatCase, linkChatCase, listChatCases, type ChatAccountRow, type ChatCaseRow } from './chat-queries.ts';
import type { ChatAction, Draft, QuickReply, Reply } from './conversation.ts';

/** The receipt of a new case: what the citizen needs to follow it (a channel draws it as a card). */
export interface ChatReceipt {
  trackingCode: string;
  /** รหัสเข้าถึง: shown once, with the tracking code it opens the tracking page. */
  accessKey: string;
  trackingUrl: string;
  /** The due date in Thai ("12 มิ.ย. 2569"). */
  dueDateTh: string;
  agencyNameTh: string;
}

export type Outgoing = Reply & { receipt?: ChatReceipt | undefined };

export interface ChatActionContext {
  ctx: AppContext;
  account: ChatAccountRow;
  chatUserId: string;
  /** The bytes of a photo by the channel's reference. */
  fetchPhoto(ref: string): Promise<Buffer>;
}

/** How many of a person's cases "ติดตาม" lists. */
const LISTED_CASES = 10;

function publicUrlOf(ctx: AppContext): string {
  return (ctx.config.publicUrl ?? DEFAULT_PUBLIC_URL).replace(/\/+$/, '');
}

export async function carryOut(action: ChatAction, on: ChatActionContext): Promise<Outgoing[]> {
  switch (action.kind) {
    case 'file':
      return fileComplaint(action.draft, on);
    case 'list':
      return listCases(on);
    case 'status':
      return tellStatus(action.trackingCode, on);
    case 'add_info':
      return addInformation(action, on);
    case 'rate':
      return rate(action, on);
  }
}

async function photosOf(refs: readonly string[], on: ChatActionContext): Promise<IncomingFile[]> {
  const files: IncomingFile[] = [];
  for (const [index, ref] of refs.entries()) files.push({ field: `photos[${index}]`, clientName: undefined, bytes: await on.fetchPhoto(ref) });
  return files;
}

async function fileComplaint(draft: Draft, on: ChatActionContext): Promise<Outgoing[]> {
  const { ctx, account } = on;
  const place = draft.place;
  const created = await createCase(ctx, {
    input: {
      description: draft.description,
      categoryCode: draft.category?.code,
      channel: account.provider satisfies Channel,
      location: place ? { provinceCode: place.provinceCode, districtCode: place.districtCode, lat: place.lat, lon: place.lon, address: place.address } : undefined,
      complainant: draft.anonymous ? undefined : { name: draft.name, phone: draft.phone, language: 'th' },
      anonymous: draft.anonymous ?? true,
      confidential: draft.confidential ?? false,
      agencyChannelId: account.agencyChannelId,
    },
    files: await photosOf(draft.photos, on),
    receivingAgencyId: account.agencyId,
  });
  await linkChatCase(ctx.db, { caseId: created.id, chatUserId: on.chatUserId, now: ctx.now() });
  const url = trackingUrl(publicUrlOf(ctx), created.trackingCode);
  return [
    {
      text:
        `รับเรื่องแล้ว เลขที่เรื่อง ${created.trackingCode}\nรหัสเข้าถึง ${created.accessKey} (แสดงครั้งเดียว กรุณาเก็บไว้)\n` +
        `กำหนดแจ้งผลภายใน ${thaiDate(created.dueDate)}\nติดตามเรื่องได้ในแชตนี้ โดยพิมพ์ "ติดตาม" หรือที่ ${url}`,
      receipt: { trackingCode: created.trackingCode, accessKey: created.accessKey, trackingUrl: url, dueDateTh: thaiDate(created.dueDate), agencyNameTh: account.agencyNameTh },
      quickReplies: [{ label: 'ติดตามเรื่อง', text: 'ติดตาม' }],
    },
  ];
}

function caseChoices(row: ChatCaseRow): QuickReply[] {
  return [
    { label: 'เพิ่มข้อมูล', text: `เพิ่มข้อมูล ${row.trackingCode}` },
    ...(row.status === 'resolved' ? [{ label: 'ประเมินความพึงพอใจ', text: `ประเมิน ${row.trackingCode}` }] : []),
  ];
}

async function listCases(on: ChatActionContext): Promise<Outgoing[]> {
  const rows = await listChatCases(on.ctx.db, on.chatUserId, LISTED_CASES);
  if (rows.length === 0) return [{ text: 'ยังไม่มีเรื่องที่ท่านแจ้งผ่านช่องทางนี้', quickReplies: [{ label: 'แจ้งเรื่องร้องเรียน', text: 'แจ้งเรื่องร้องเรียน' }] }];
  const lines = rows.map((row) => `${row.trackingCode} — ${CASE_STATUS_LABELS_TH[row.status]} (แจ้งเมื่อ ${thaiDate(row.receivedAt.getTime())})`);
  return [
    {
      text: ['เรื่องของท่าน (แตะเลขที่เรื่องเพื่อดูรายละเอียด)', ...lines].join('\n'),
      quickReplies: rows.map((row) => ({ label: row.trackingCode, text: row.trackingCode })),
    },
  ];
}

function notYours(code: string, ctx: AppContext): Outgoing[] {
  return [{ text: `ไม่พบเรื่องเลขที่ ${code} ในเรื่องที่ท่านแจ้งผ่านช่องทางนี้ เรื่องที่แจ้งทางอื่นติดตามได้ที่ ${publicUrlOf(ctx)}/track ด้วยเลขที่เรื่องและรหัสเข้าถึง` }];
}

async function tellStatus(code: string, on: ChatActionContext): Promise<Outgoing[]> {
  const row = await findChatCase(on.ctx.db, on.chatUserId, code);
  if (!row) return notYours(code, on.ctx);
  const open = OPEN_STATUSES.includes(row.status);
  return [
    {
      text: [
        `เรื่องเลขที่ ${row.trackingCode}`,
        `สถานะ: ${CASE_STATUS_LABELS_TH[row.status]}`,
        ...(open ? [`กำหนดแจ้งผลภายใน ${thaiDate(row.dueDate)}`] : []),
        `รายละเอียด: ${trackingUrl(publicUrlOf(on.ctx), row.trackingCode)}`,
      ].join('\n'),
      quickReplies: caseChoices(row),
    },
  ];
}

async function addInformation(action: Extract<ChatAction, { kind: 'add_info' }>, on: ChatActionContext): Promise<Outgoing[]> {
  const row = await findChatCase(on.ctx.db, on.chatUserId, action.trackingCode);
  if (!row) return notYours(action.trackingCode, on.ctx);
  const photos = action.photo ? await photosOf([action.photo], on) : [];
  const message = action.text ?? 'ส่งรูปภาพเพิ่มเติม';
  await withStoredFiles(on.ctx, photos, (files) => addCitizenMessageInChat(on.ctx, { caseId: row.caseId, message, files, channel: on.account.provider }));
  return [{ text: `ได้รับข้อมูลเพิ่มเติมสำหรับเรื่องเลขที่ ${row.trackingCode} แล้ว เจ้าหน้าที่จะนำไปประกอบการพิจารณา`, quickReplies: caseChoices(row) }];
}

async function rate(action: Extract<ChatAction, { kind: 'rate' }>, on: ChatActionContext): Promise<Outgoing[]> {
  const row = await findChatCase(on.ctx.db, on.chatUserId, action.trackingCode);
  if (!row) return notYours(action.trackingCode, on.ctx);
  await rateInChat(on.ctx, { caseId: row.caseId, rating: action.rating, reopen: action.reopen });
  return [
    {
      text: action.reopen
        ? `ขอบคุณสำหรับการประเมิน เรื่องเลขที่ ${row.trackingCode} ถูกส่งกลับให้หน่วยงานพิจารณาใหม่แล้ว`
        : `ขอบคุณสำหรับการประเมิน เรื่องเลขที่ ${row.trackingCode} ปิดเรื่องแล้ว`,
    },
  ];
}
