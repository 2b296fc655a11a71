/**
 * Who acted, as the timelines say it: staff read the person's name and the agency's names (not
 * `taphanhin.officer (dho-6604)` for the console to look up); the citizen's timeline names no
 * staff member at all, as before. Runs on both engines.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachApp } from './support/app.ts';
import type { CaseDetail, PublicCase } from '../src/shared/api/index.ts';

describeEachApp('timeline actors', (t) => {
  let filed: Awaited<ReturnType<typeof t.fileComplaint>>;

  beforeAll(async () => {
    await t.db().query("UPDATE users SET display_name = 'สมชาย ตะพานหิน' WHERE username = 'taphanhin.officer'");
    filed = await t.fileComplaint();
    await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'dho-6604' });
    await t.act('taphanhin.officer', filed.id, 'accept');
    await t.act('taphanhin.officer', filed.id, 'reply', { message: 'รับเรื่องไว้ดำเนินการแล้ว' });
  });

  it('gives staff the display name and the agency names of whoever acted', async () => {
    const response = await t.request({ method: 'GET', url: `/api/v1/cases/${filed.id}`, as: 'pho66.officer' });
    expect(response.statusCode).toBe(200);
    const timeline = response.json<CaseDetail>().timeline;
    expect(timeline.find((event) => event.type === 'reply')?.actor).toEqual({
      username: 'taphanhin.officer',
      displayName: 'สมชาย ตะพานหิน',
      agencyCode: 'dho-6604',
      agencyNameTh: 'สำนักงานสาธารณสุขอำเภอตะพานหิน',
      agencyNameEn: 'Taphan Hin DHO',
    });
    // The citizen filed it: no person (the agency is the one that received it).
    expect(timeline.find((event) => event.type === 'received')?.actor).toMatchObject({ username: null, displayName: null });
  });

  it('keeps staff names and usernames off the citizen’s timeline', async () => {
    const response = await t.request({ method: 'GET', url: `/api/v1/public/complaints/${filed.trackingCode}`, headers: { 'x-access-key': filed.accessKey } });
    expect(response.statusCode).toBe(200);
    const body = response.json<PublicCase>();
    for (const entry of body.timeline) expect(Object.keys(entry).sort()).toEqual(expect.arrayContaining(['at', 'type']));
    for (const entry of body.timeline) expect(Object.keys(entry).every((key) => ['at', 'type', 'message', 'attachmentIds'].includes(key))).toBe(true);
    expect(response.body).not.toContain('สมชาย');
    expect(response.body).not.toContain('taphanhin.officer');
  });
});
