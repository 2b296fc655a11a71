/**
 * รวมเรื่อง: after a merge each complainant keeps following the matter with their own tracking
 * code and access key, and hears of the surviving case's acceptance, extensions and result —
 * never of what passes between that case and its own complainant.
 */
import { expect, it } from 'vitest';
import { notificationJobHandlers } from '../src/server/notifications/jobs.ts';
import { createWorker } from '../src/server/platform/jobs.ts';
import { describeEachApp } from './support/app.ts';
import { capturingChannels, type SentMessage } from './support/channels.ts';
import type { PublicCase } from '../src/shared/api/index.ts';

/** The tracking page of a merged case, whose surviving case the contract gives (nullable for any other case). */
type MergedPublicCase = PublicCase & { survivingCase: NonNullable<PublicCase['survivingCase']> };

const PUBLIC_URL = 'https://rongthuk.example.go.th';

describeEachApp('merged complaints keep their followers', (t) => {
  it('tells the complainant of a merged case the surviving case’s progress under their own code, and shows it on their tracking page', async () => {
    t.setNow(new Date('2026-06-10T10:00:00+07:00'));
    const duplicate = await t.fileComplaint({
      description: 'ไฟฟ้าส่องสว่างหน้าโรงเรียนดับมาสามคืนแล้ว เด็กเดินกลับบ้านมืดมาก',
      categoryCode: 'lighting',
      complainant: { name: 'นางสาวมาลี ดีใจ', email: 'malee@example.com' },
    });
    const survivor = await t.fileComplaint({
      description: 'ขอให้ซ่อมไฟส่องสว่างถนนหน้าโรงเรียน ดับหลายวันแล้ว',
      categoryCode: 'lighting',
      complainant: { name: 'นายสมชาย ใจดี', email: 'somchai@example.com' },
    });

    await t.act('hub.intake', duplicate.id, 'merge', { intoCaseId: survivor.id });
    await t.act('hub.intake', survivor.id, 'assign', { agencyCode: 'dho-6604' });
    await t.act('taphanhin.officer', survivor.id, 'accept');
    await t.act('taphanhin.officer', survivor.id, 'reply', { message: 'เรียนคุณสมชาย เจ้าหน้าที่จะโทรกลับที่เบอร์ 081-234-5678' });
    await t.act('taphanhin.officer', survivor.id, 'extend', { businessDays: 5, reason: 'รออะไหล่โคมไฟจากผู้รับจ้าง' });
    await t.act('taphanhin.officer', survivor.id, 'resolve', { result: 'fixed', message: 'เปลี่ยนโคมไฟหน้าโรงเรียนเรียบร้อยแล้ว' });

    const sent: SentMessage[] = [];
    const worker = createWorker(t.ctx(), notificationJobHandlers({ config: { smtpUrl: undefined, mailFrom: undefined, publicUrl: PUBLIC_URL }, channels: capturingChannels(sent) }));
    while ((await worker.runOnce()) > 0) {
      // until the queue is empty
    }

    const toMalee = sent.filter((message) => message.to === 'malee@example.com');
    const toSomchai = sent.filter((message) => message.to === 'somchai@example.com');
    // The surviving complainant hears of everything addressed to them, the reply included.
    expect(toSomchai.map((message) => message.subject)).toEqual([
      `รับเรื่องแล้ว: เรื่องเลขที่ ${survivor.trackingCode}`,
      `หน่วยงานตอบเรื่องเลขที่ ${survivor.trackingCode}`,
      `ขยายเวลาดำเนินการ: เรื่องเลขที่ ${survivor.trackingCode}`,
      `แจ้งผลการดำเนินการ: เรื่องเลขที่ ${survivor.trackingCode}`,
    ]);
    // The merged complainant: acceptance, extension and result, under their own code; not the reply.
    expect(toMalee.map((message) => message.subject)).toEqual([
      `รับเรื่องแล้ว: เรื่องเลขที่ ${duplicate.trackingCode}`,
      `ขยายเวลาดำเนินการ: เรื่องเลขที่ ${duplicate.trackingCode}`,
      `แจ้งผลการดำเนินการ: เรื่องเลขที่ ${duplicate.trackingCode}`,
    ]);
    const result = toMalee.at(-1)?.text ?? '';
    expect(result).toContain('เปลี่ยนโคมไฟหน้าโรงเรียนเรียบร้อยแล้ว');
    expect(result).toContain('สำนักงานสาธารณสุขอำเภอตะพานหิน');
    expect(result).toContain(`${PUBLIC_URL}/track/${duplicate.trackingCode}`);
    expect(result).not.toContain(survivor.trackingCode);
    expect(toMalee.map((message) => message.text).join('\n')).not.toContain('สมชาย');

    // Her own code and key still work, and show where the matter stands.
    const page = await t.request({ method: 'GET', url: `/api/v1/public/complaints/${duplicate.trackingCode}`, headers: { 'x-access-key': duplicate.accessKey } });
    expect(page.statusCode).toBe(200);
    const body = page.json() as PublicCase;
    expect(body.status).toBe('merged');
    expect(body.survivingCase).toMatchObject({ status: 'resolved', agency: { code: 'dho-6604' } });
    const types = body.survivingCase?.timeline.map((entry) => entry.type);
    expect(types).toEqual(['assigned', 'accepted', 'extended', 'resolved']);
    expect(JSON.stringify(body.survivingCase)).not.toContain('081-234-5678');
    expect(JSON.stringify(body.survivingCase)).not.toContain('สมชาย');

    // The survivor's own page has no surviving case of its own.
    const own = await t.request({ method: 'GET', url: `/api/v1/public/complaints/${survivor.trackingCode}`, headers: { 'x-access-key': survivor.accessKey } });
    expect((own.json() as PublicCase).survivingCase).toBeNull();
    t.setNow(undefined);
  });

  it('follows a chain of merges to the case that survived', async () => {
    // The same day as above: the suite's cached sign-ins were made then.
    t.setNow(new Date('2026-06-10T11:00:00+07:00'));
    const first = await t.fileComplaint({ description: 'ท่อระบายน้ำอุดตัน น้ำเน่าส่งกลิ่นเหม็น', categoryCode: 'drainage', complainant: { email: 'first@example.com' } });
    const second = await t.fileComplaint({ description: 'ท่อระบายน้ำหน้าตลาดตันมาเป็นเดือน', categoryCode: 'drainage' });
    const last = await t.fileComplaint({ description: 'ขอให้ลอกท่อระบายน้ำหน้าตลาด', categoryCode: 'drainage' });
    await t.act('hub.intake', first.id, 'merge', { intoCaseId: second.id });
    await t.act('hub.intake', second.id, 'merge', { intoCaseId: last.id });
    await t.act('hub.supervisor', last.id, 'accept');

    const jobs = await t.db().query<{ payload: { caseId: string; viaCaseId?: string; notice: { kind: string } } }>(
      `SELECT payload FROM jobs WHERE type = 'notify.citizen' AND payload->>'viaCaseId' = $1`,
      [last.id],
    );
    expect(jobs.map((job) => job.payload.caseId).sort()).toEqual([first.id, second.id].sort());
    expect(jobs.every((job) => job.payload.notice.kind === 'accepted')).toBe(true);

    const page = await t.request({ method: 'GET', url: `/api/v1/public/complaints/${first.trackingCode}`, headers: { 'x-access-key': first.accessKey } });
    expect((page.json() as MergedPublicCase).survivingCase.status).toBe('in_progress');
    t.setNow(undefined);
  });
});
