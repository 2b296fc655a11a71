/**
 * การแลกเปลี่ยนเรื่องระหว่างระบบ, every message type both ways between two real instances on
 * loopback: the hub (hub-1111, where the citizen files and follows the case) sends a case to
 * the police's own system, which serves rtp of the hub's tree; what the police do comes back
 * to the hub's case, attributed to the partner on the staff timeline and on the citizen's
 * tracking page; what the citizen and the hub's staff do goes on to the police's case.
 */
import { expect, it } from 'vitest';
import { EXCHANGE_MESSAGE_TYPES, ExchangeMessageSchema } from '../src/shared/api/exchange-messages.ts';
import type { CaseDetail, CaseExchange } from '../src/shared/api/index.ts';
import {
  atPolice,
  citizenPage,
  describeEachEngine,
  fileAt,
  receivedCaseId,
  sendToPolice,
  staffView,
  storedMessages,
  useLinkedPair,
  type Filed,
  type Instance,
  type LinkedPair,
  type SentCase,
} from './support/exchange-instances.ts';

/** Each side's name of the other, as `link` registers it. */
const POLICE = { code: 'police', name: 'ระบบของ police' };
const HUB = { code: 'hub-1111', name: 'ระบบของ hub-1111' };

type TimelineEvent = CaseDetail['timeline'][number];

/** The last event of `type` on the staff timeline. */
function lastEvent(view: CaseDetail, type: string): TimelineEvent {
  const event = view.timeline.filter((entry) => entry.type === type).at(-1);
  if (!event) throw new Error(`no ${type} event on the timeline of ${view.trackingCode}: ${view.timeline.map((entry) => entry.type).join(', ')}`);
  return event;
}

async function trail(at: Instance, caseId: string, as: string): Promise<CaseExchange> {
  const response = await at.request({ method: 'GET', url: `/api/v1/cases/${caseId}/exchange`, as });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CaseExchange>();
}

async function citizenSays(at: Instance, filed: Filed, path: 'messages' | 'feedback', body: Record<string, unknown>): Promise<string> {
  const response = await at.request({ method: 'POST', url: `/api/v1/public/complaints/${filed.trackingCode}/${path}`, headers: { 'x-access-key': filed.accessKey }, body });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { status: string }).status;
}

/**
 * A case the hub assigns to the MOPH complaint centre, whose officer forwards it to rtp: the
 * police get it from moph-complaint, which follows it (a follower at the origin).
 */
async function sendViaMoph(pair: LinkedPair): Promise<SentCase> {
  const hub = pair.hub();
  const filed = await fileAt(hub, { description: 'มีการแข่งรถในซอยทุกคืน เสียงดังและอันตรายต่อคนเดินถนน' });
  await hub.act('hub.intake', filed.id, 'screen');
  await hub.act('hub.intake', filed.id, 'assign', { agencyCode: 'moph-complaint' });
  await hub.act('moph.officer', filed.id, 'forward', { agencyCode: 'rtp', reason: 'เป็นเรื่องของตำรวจ' });
  await hub.deliver();
  return { filed, remoteId: await receivedCaseId(pair.police(), filed.trackingCode) };
}

/** The police accept and resolve the case; the hub hears of it. */
const resolveAtPolice = (pair: LinkedPair, sent: SentCase) => atPolice(pair, sent, ['accept'], ['resolve', { result: 'fixed', message: 'จับกุมผู้แข่งรถได้ 3 ราย' }]);

describeEachEngine('exchange: every message type both ways', (kind) => {
  const pair = useLinkedPair(kind);
  const hub = () => pair.hub();
  const police = () => pair.police();

  it('case.transfer: the case goes to the partner serving its new holder, and is the partner’s own case there', async () => {
    const sent = await sendToPolice(pair, { complainant: { name: 'สมชาย ใจดี', phone: '0812345678' } });
    const origin = await trail(hub(), sent.filed.id, 'hub.supervisor');
    const remote = await staffView(police(), sent.remoteId, 'rtp.officer');
    expect(origin.links).toEqual([{ partner: POLICE, direction: 'sent', active: true, remoteReference: sent.remoteId, remoteTrackingCode: remote.trackingCode }]);
    expect(origin.messages).toEqual([expect.objectContaining({ direction: 'out', type: 'case.transfer', seq: 1, state: 'delivered', attempts: 1, lastError: null, remoteReference: sent.remoteId })]);
    // The signed message in the administrators' log; the trail only for those who may see the case.
    const detail = await hub().request({ method: 'GET', url: `/api/v1/exchange/messages/${origin.messages[0]?.id}`, as: 'hub.admin' });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ envelope: { type: 'case.transfer', to: 'police', seq: 1 }, jws: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), answer: { status: 'applied', reference: sent.remoteId } });
    expect((await hub().request({ method: 'GET', url: `/api/v1/exchange/messages/${origin.messages[0]?.id}`, as: 'hub.supervisor' })).statusCode).toBe(403);
    expect((await hub().request({ method: 'GET', url: `/api/v1/cases/${sent.filed.id}/exchange`, as: 'dtc66.officer' })).statusCode).toBe(404);
    const hubView = await staffView(hub(), sent.filed.id, 'hub.supervisor');
    expect(hubView.status).toBe('assigned');
    expect(lastEvent(hubView, 'sent_to_partner').details).toMatchObject({ partner: POLICE, agencyCode: 'rtp', identityShared: 'none', textRedacted: true, files: 0 });

    expect(remote).toMatchObject({ status: 'received', channel: 'partner', holder: { code: 'rtp' }, receivingAgency: { code: 'rtp' } });
    expect(lastEvent(remote, 'received_from_partner').details).toEqual({ partner: HUB, remoteReference: sent.filed.id, remoteTrackingCode: sent.filed.trackingCode, agencyCode: 'rtp' });
    const there = await trail(police(), sent.remoteId, 'rtp.officer');
    expect(there.links).toEqual([{ partner: HUB, direction: 'received', active: true, remoteReference: sent.filed.id, remoteTrackingCode: sent.filed.trackingCode }]);
    expect(there.messages).toEqual([expect.objectContaining({ direction: 'in', type: 'case.transfer', seq: 1, state: 'applied' })]);
  });

  it('case.accepted: the origin’s case is in progress, the staff timeline and the citizen’s page say the partner took it', async () => {
    const sent = await sendToPolice(pair);
    await atPolice(pair, sent, ['accept']);
    const view = await staffView(hub(), sent.filed.id, 'hub.supervisor');
    expect(view.status).toBe('in_progress');
    expect(lastEvent(view, 'accepted')).toMatchObject({ statusBefore: 'assigned', statusAfter: 'in_progress', visibility: 'public', details: { partner: POLICE } });
    const page = await citizenPage(hub(), sent.filed);
    expect(page.status).toBe('in_progress');
    expect(page.timeline.map((entry) => entry.type)).toContain('accepted');
  });

  it('case.returned: the partner’s case ends (rejected), the origin’s goes back to screening at the agency that handed it over, and the link ends', async () => {
    const sent = await sendViaMoph(pair);
    await atPolice(pair, sent, ['accept'], ['return', { reason: 'ไม่ใช่เรื่องในอำนาจของตำรวจ เป็นเรื่องของท้องถิ่น' }]);
    expect((await staffView(police(), sent.remoteId, 'rtp.officer')).status).toBe('rejected');

    const view = await staffView(hub(), sent.filed.id, 'hub.supervisor');
    expect(view).toMatchObject({ status: 'screening', holder: { code: 'moph-complaint' } });
    expect(lastEvent(view, 'returned').details).toMatchObject({ reason: 'ไม่ใช่เรื่องในอำนาจของตำรวจ เป็นเรื่องของท้องถิ่น', partner: POLICE });
    expect((await trail(hub(), sent.filed.id, 'hub.supervisor')).links).toEqual([expect.objectContaining({ partner: POLICE, direction: 'sent', active: false })]);
    expect((await trail(police(), sent.remoteId, 'rtp.officer')).links).toEqual([expect.objectContaining({ partner: HUB, direction: 'received', active: false })]);

    // Sent again, it is a new case there; the returned one stays rejected.
    await hub().act('moph.supervisor', sent.filed.id, 'assign', { agencyCode: 'rtp' });
    await hub().deliver();
    const again = await receivedCaseId(police(), sent.filed.trackingCode);
    expect(again).not.toBe(sent.remoteId);
    expect((await staffView(police(), again, 'rtp.officer')).status).toBe('received');
    expect((await staffView(police(), sent.remoteId, 'rtp.officer')).status).toBe('rejected');
    expect((await trail(hub(), sent.filed.id, 'hub.supervisor')).links).toEqual([expect.objectContaining({ active: true, remoteReference: again })]);
  });

  it('case.returned: a case the partner turns away at once (ไม่รับไว้พิจารณา) comes back the same way', async () => {
    const sent = await sendToPolice(pair);
    await atPolice(pair, sent, ['reject', { reason: 'ไม่ใช่เรื่องร้องเรียน' }]);
    const view = await staffView(hub(), sent.filed.id, 'hub.supervisor');
    expect(view).toMatchObject({ status: 'screening', holder: { code: 'hub-1111' } });
    expect(lastEvent(view, 'returned').details).toMatchObject({ reason: 'ไม่ใช่เรื่องร้องเรียน', partner: POLICE });
  });

  it('case.replied, case.info_requested and case.info_added: the citizen reads the partner at the origin and answers there; the answer reaches the partner’s case', async () => {
    const sent = await sendToPolice(pair);
    await atPolice(pair, sent, ['accept'], ['reply', { message: 'ได้ส่งสายตรวจไปตรวจสอบแล้ว' }], ['request-info', { message: 'ขอทราบช่วงเวลาที่มีการแข่งรถ' }]);

    const view = await staffView(hub(), sent.filed.id, 'hub.supervisor');
    expect(view.status).toBe('awaiting_info');
    expect(lastEvent(view, 'reply').details).toEqual({ message: 'ได้ส่งสายตรวจไปตรวจสอบแล้ว', partner: POLICE });
    expect(lastEvent(view, 'info_requested')).toMatchObject({ statusAfter: 'awaiting_info', details: { message: 'ขอทราบช่วงเวลาที่มีการแข่งรถ', partner: POLICE } });
    const page = await citizenPage(hub(), sent.filed);
    expect(page.status).toBe('awaiting_info');
    expect(page.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'reply', message: 'ได้ส่งสายตรวจไปตรวจสอบแล้ว' }),
        expect.objectContaining({ type: 'info_requested', message: 'ขอทราบช่วงเวลาที่มีการแข่งรถ' }),
      ]),
    );

    expect(await citizenSays(hub(), sent.filed, 'messages', { message: 'ประมาณสี่ทุ่มถึงตีสองทุกคืนวันศุกร์' })).toBe('in_progress');
    await hub().deliver();
    const remote = await staffView(police(), sent.remoteId, 'rtp.officer');
    expect(remote.status).toBe('in_progress');
    expect(lastEvent(remote, 'info_received')).toMatchObject({ statusBefore: 'awaiting_info', statusAfter: 'in_progress', details: { message: 'ประมาณสี่ทุ่มถึงตีสองทุกคืนวันศุกร์', partner: HUB } });
  });

  it('case.extended: the origin’s due date follows the partner’s, for staff and the citizen', async () => {
    const sent = await sendToPolice(pair);
    const before = (await staffView(hub(), sent.filed.id, 'hub.supervisor')).sla.dueDate;
    await atPolice(pair, sent, ['accept'], ['extend', { businessDays: 5, reason: 'ต้องรอผลการสืบสวนจากพื้นที่' }]);
    const remote = await staffView(police(), sent.remoteId, 'rtp.officer');
    expect(remote.sla.dueDate > before).toBe(true);

    const view = await staffView(hub(), sent.filed.id, 'hub.supervisor');
    expect(view.sla.dueDate).toBe(remote.sla.dueDate);
    expect(lastEvent(view, 'extended').details).toMatchObject({ reason: 'ต้องรอผลการสืบสวนจากพื้นที่', previousDueDate: before, dueDate: remote.sla.dueDate, partner: POLICE });
    const page = await citizenPage(hub(), sent.filed);
    expect(page.dueDate).toBe(remote.sla.dueDate);
    expect(page.timeline.find((entry) => entry.type === 'extended')?.message).toContain('ต้องรอผลการสืบสวนจากพื้นที่');
  });

  it('case.progress: the partner forwards inside its own tree; the origin’s timeline and the citizen’s page show where it went', async () => {
    const sent = await sendToPolice(pair);
    await atPolice(pair, sent, ['accept'], ['forward', { agencyCode: 'rtp-inspector' }]);

    const view = await staffView(hub(), sent.filed.id, 'hub.supervisor');
    expect(view).toMatchObject({ status: 'in_progress', holder: { code: 'rtp' } });
    const progress = lastEvent(view, 'partner_progress');
    expect(progress).toMatchObject({ visibility: 'public', statusBefore: 'in_progress', statusAfter: 'in_progress', details: { partner: POLICE } });
    expect(progress.details.message).toContain('สำนักงานจเรตำรวจ');
    const page = await citizenPage(hub(), sent.filed);
    expect(page.timeline.find((entry) => entry.type === 'partner_progress')?.message).toContain('สำนักงานจเรตำรวจ');
  });

  it('the citizen’s page names the partner system that acted on the case', async () => {
    // The event payloads carry the partner "so staff and the citizen see which system did it"
    // (src/shared/case-events.ts); the citizen's page must say it too.
    const sent = await sendToPolice(pair);
    await atPolice(pair, sent, ['accept'], ['reply', { message: 'ได้ส่งสายตรวจไปตรวจสอบแล้ว' }], ['forward', { agencyCode: 'rtp-inspector' }]);
    const page = await citizenPage(hub(), sent.filed);
    const partnerEntries = page.timeline.filter((entry) => ['accepted', 'reply', 'partner_progress'].includes(entry.type));
    expect(partnerEntries).toHaveLength(3);
    for (const entry of partnerEntries) expect(JSON.stringify(entry), entry.type).toContain(POLICE.name);
  });

  it('case.resolved, then case.rated accepted: the partner’s case closes with the citizen’s satisfaction', async () => {
    const sent = await sendToPolice(pair);
    await resolveAtPolice(pair, sent);
    const view = await staffView(hub(), sent.filed.id, 'hub.supervisor');
    expect(view).toMatchObject({ status: 'resolved', result: 'fixed' });
    expect(lastEvent(view, 'resolved').details).toMatchObject({ result: 'fixed', message: 'จับกุมผู้แข่งรถได้ 3 ราย', partner: POLICE });
    const page = await citizenPage(hub(), sent.filed);
    expect(page).toMatchObject({ status: 'resolved', confirmation: { open: true } });
    expect(page.timeline.find((entry) => entry.type === 'resolved')?.message).toBe('จับกุมผู้แข่งรถได้ 3 ราย');

    expect(await citizenSays(hub(), sent.filed, 'feedback', { rating: 4, comment: 'ขอบคุณที่ช่วยเหลือ' })).toBe('closed');
    await hub().deliver();
    const remote = await staffView(police(), sent.remoteId, 'rtp.officer');
    expect(remote).toMatchObject({ status: 'closed', satisfaction: 4 });
    expect(lastEvent(remote, 'rated').details).toEqual({ rating: 4, comment: 'ขอบคุณที่ช่วยเหลือ', partner: HUB });
    // The acceptance goes with the rating: no separate close.
    expect((await storedMessages(hub(), sent.filed.id)).filter((message) => message.direction === 'out').map((message) => message.type)).toEqual(['case.transfer', 'case.rated']);
  });

  it('case.rated not accepted: the partner’s case is reopened', async () => {
    const sent = await sendToPolice(pair);
    await resolveAtPolice(pair, sent);
    expect(await citizenSays(hub(), sent.filed, 'feedback', { rating: 1, comment: 'ยังมีการแข่งรถอยู่ทุกคืน', reopen: true })).toBe('in_progress');
    await hub().deliver();
    const remote = await staffView(police(), sent.remoteId, 'rtp.officer');
    expect(remote).toMatchObject({ status: 'in_progress', satisfaction: 1, result: null });
    expect(lastEvent(remote, 'rated').details).toMatchObject({ rating: 1, partner: HUB });
    expect(lastEvent(remote, 'reopened')).toMatchObject({ statusBefore: 'resolved', statusAfter: 'in_progress', details: { partner: HUB } });
  });

  it('case.closed from the partner, then case.reopened from the origin’s staff', async () => {
    const sent = await sendToPolice(pair);
    await resolveAtPolice(pair, sent);
    await atPolice(pair, sent, ['close', { reason: 'ยุติเรื่องตามผลการตรวจสอบ' }]);
    const view = await staffView(hub(), sent.filed.id, 'hub.supervisor');
    expect(view.status).toBe('closed');
    expect(lastEvent(view, 'closed').details).toEqual({ by: 'partner', reason: 'ยุติเรื่องตามผลการตรวจสอบ', partner: POLICE });
    expect((await citizenPage(hub(), sent.filed)).status).toBe('closed');

    // The case's holder at the origin (rtp, served by the partner) reopens it.
    await hub().act('rtp.officer', sent.filed.id, 'reopen', { reason: 'ผู้ร้องโทรมาแจ้งว่ายังมีการแข่งรถ' });
    await hub().deliver();
    const remote = await staffView(police(), sent.remoteId, 'rtp.officer');
    expect(remote.status).toBe('in_progress');
    expect(lastEvent(remote, 'reopened')).toMatchObject({ statusBefore: 'closed', details: { reason: 'ผู้ร้องโทรมาแจ้งว่ายังมีการแข่งรถ', partner: HUB } });
  });

  it('case.followed_up: the agency at the origin that sent the case on, and those above its holder here, press the partner, whose staff read it', async () => {
    const sent = await sendViaMoph(pair);
    await hub().act('moph.officer', sent.filed.id, 'follow-up', { message: 'ขอให้เร่งดำเนินการ ผู้ร้องติดต่อมาหลายครั้ง' });
    await hub().deliver();
    const remote = await staffView(police(), sent.remoteId, 'rtp.officer');
    expect(remote.status).toBe('received');
    expect(lastEvent(remote, 'followed_up')).toMatchObject({ visibility: 'internal', details: { message: 'ขอให้เร่งดำเนินการ ผู้ร้องติดต่อมาหลายครั้ง', partner: HUB } });
    // The case is worked in the partner's system: the hub's own staff above its holder here follow it there too.
    await hub().act('hub.supervisor', sent.filed.id, 'follow-up', { message: 'เร่งด่วน ศูนย์ 1111 ติดตาม' });
    await hub().deliver();
    expect(lastEvent(await staffView(police(), sent.remoteId, 'rtp.officer'), 'followed_up')).toMatchObject({ details: { message: 'เร่งด่วน ศูนย์ 1111 ติดตาม', partner: HUB } });
    expect((await staffView(hub(), sent.filed.id, 'hub.supervisor')).followUpCount).toBe(2);
  });

  it('every message sent either way is of the protocol, and every type of it went', async () => {
    const types = new Set<string>();
    for (const instance of [hub(), police()]) {
      for (const message of await storedMessages(instance)) {
        expect(message.payload, `${instance.code} ${message.type} ${message.state}`).not.toBeNull();
        const parsed = ExchangeMessageSchema.safeParse(JSON.parse(message.payload ?? 'null'));
        expect(parsed.success, `${message.type}: ${parsed.error?.message}`).toBe(true);
        types.add(message.type);
      }
    }
    expect([...types].sort()).toEqual([...EXCHANGE_MESSAGE_TYPES].sort());
  });
});
