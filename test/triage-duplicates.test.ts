/**
 * Possible duplicates (เรื่องซ้ำ) found at intake and merged, and clusters of similar
 * complaints in one district and week. Runs on both engines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachApp } from './support/app.ts';
import {
  BANG_KHEN,
  BANG_RAK,
  codesOf,
  DAY_MS,
  fieldsOf,
  LIGHTING,
  MUEANG_PHICHIT,
  PHRA_NAKHON,
  ROAD,
  ROAD_AGAIN,
  setUpIntake,
  signInFirst,
  TAPHAN_HIN,
  triageHelpers,
  UNKNOWN_ID,
  WASTE,
  type Clusters,
  type Filed,
} from './support/triage.ts';
import type { Receipt } from '../src/shared/api/index.ts';

/** What a staff intake answers. */

describeEachApp('triage at intake', (t) => {
  const h = triageHelpers(t);
  setUpIntake(t, h);

  describe('possible duplicates', () => {
    it('links the same complaint filed twice in one district, not in another, and lets the duplicate be merged', async () => {
      h.slot();
      const first = await h.file(ROAD, BANG_RAK);
      expect(first.status).toBe('assigned');
      const second = await h.file(ROAD, BANG_RAK);
      const elsewhere = await h.file(ROAD, PHRA_NAKHON);

      // The second waits for a person, because of the first only.
      expect(second.status).toBe('received');
      const item = (await h.screeningQueue('hub.intake')).find((entry) => entry.id === second.id);
      expect(item?.triage && codesOf(item.triage)).toEqual(['possible_duplicate']);
      expect(item?.possibleDuplicates).toEqual([{ caseId: first.id, trackingCode: first.trackingCode, status: 'assigned', reason: 'similar_text', similarity: expect.any(Number) }]);
      expect(item?.possibleDuplicates[0]?.similarity).toBeGreaterThanOrEqual(0.5);
      // Linked either way.
      expect((await h.triageOf(first.id)).possibleDuplicates.map((d) => d.caseId)).toEqual([second.id]);

      // The same words in another district are another matter: assigned by rule there.
      expect(elsewhere.status).toBe('assigned');
      expect((await h.caseRow(elsewhere.id)).holder).toBe('bma-d1001');
      expect((await h.triageOf(elsewhere.id)).possibleDuplicates).toEqual([]);

      const merged = await t.request({ method: 'POST', url: `/api/v1/cases/${second.id}/actions/merge`, as: 'hub.intake', body: { intoCaseId: first.id } });
      expect(merged.statusCode, merged.body).toBe(200);
      expect(await h.caseRow(second.id)).toMatchObject({ status: 'merged', merged_into_case_id: first.id });
      expect((await h.screeningQueue('hub.intake')).map((entry) => entry.id)).not.toContain(second.id);
      expect((await h.triageOf(first.id)).possibleDuplicates).toEqual([]);
    });

    it('links a complaint to an earlier one of the same complainant (phone) about something similar, wherever it is', async () => {
      h.slot();
      const earlier = await h.file(ROAD, BANG_RAK, { complainant: { phone: '081-234-5678' } });
      expect(earlier.status).toBe('assigned');
      const again = await h.file(ROAD_AGAIN, PHRA_NAKHON, { complainant: { phone: '0812345678' } });
      const someoneElse = await h.file(ROAD_AGAIN, BANG_KHEN, { complainant: { phone: '0899990000' } });

      const { triage, possibleDuplicates } = await h.triageOf(again.id);
      expect(codesOf(triage)).toEqual(['possible_duplicate']);
      expect(possibleDuplicates).toEqual([expect.objectContaining({ caseId: earlier.id, reason: 'same_complainant' })]);
      expect(possibleDuplicates[0]?.similarity).toBeGreaterThanOrEqual(0.25);
      expect(again.status).toBe('received');

      const other = await h.triageOf(someoneElse.id);
      expect(other.possibleDuplicates).toEqual([]);
      expect(codesOf(other.triage)).not.toContain('possible_duplicate');
    });

    it('does not link a complaint older than the window, or one rejected', async () => {
      const start = h.slot();
      const old = await h.file(WASTE[0], MUEANG_PHICHIT);
      const rejected = await h.file(WASTE[1], MUEANG_PHICHIT);
      await t.act('hub.intake', rejected.id, 'reject', { reason: 'ร้องซ้ำโดยไม่มีข้อมูลใหม่' });
      t.setNow(new Date(start.getTime() + 29 * DAY_MS));
      const within = await h.triageOf((await h.file(WASTE[2], MUEANG_PHICHIT)).id);
      expect(within.possibleDuplicates.map((d) => d.caseId)).toEqual([old.id]);
      t.setNow(new Date(start.getTime() + 31 * DAY_MS));
      const after = await h.triageOf((await h.file(WASTE[0], MUEANG_PHICHIT)).id);
      // Only the one filed on day 29 is within 30 days.
      expect(after.possibleDuplicates.map((d) => d.caseId)).not.toContain(old.id);
      expect(after.possibleDuplicates.map((d) => d.caseId)).not.toContain(rejected.id);
    });

    describe('a case already resolved and closed', () => {
      let done: Filed | undefined;
      let again: Filed | undefined;

      it('is resolved and closed before the same complaint comes in again', async () => {
        h.slot();
        done = await h.file(WASTE[0], TAPHAN_HIN);
        await t.act('hub.supervisor', done.id, 'accept');
        await t.act('hub.supervisor', done.id, 'resolve', { result: 'fixed', message: 'เก็บขยะเรียบร้อยแล้ว' });
        await t.act('hub.supervisor', done.id, 'close', { reason: 'ผู้ร้องแจ้งว่าพอใจผลแล้ว' });
        expect((await h.caseRow(done.id)).status).toBe('closed');
        again = await h.file(WASTE[0], TAPHAN_HIN);
        expect((await h.triageOf(again.id)).triage.decision).toBe('screening');
      });

      // A settled case (closed, rejected, merged) is not a possible duplicate: the same complaint
      // again is a new matter.
      it('is not linked as a possible duplicate', async () => {
        const { triage, possibleDuplicates } = await h.triageOf(again?.id ?? UNKNOWN_ID);
        expect(possibleDuplicates.map((d) => [d.caseId, d.status])).not.toContainEqual([done?.id, 'closed']);
        expect(codesOf(triage)).not.toContain('possible_duplicate');
      });
    });

    it('shows only the possible duplicates in the user’s scope', async () => {
      h.slot();
      const atHub = await h.file(WASTE[0], TAPHAN_HIN);
      const recorded = await t.request({
        method: 'POST',
        url: '/api/v1/cases',
        as: 'taphanhin.intake',
        body: { description: WASTE[0], channel: 'hotline', location: TAPHAN_HIN },
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const [row] = await t.db().query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [recorded.json<Receipt>().trackingCode]);
      const local = row?.id ?? '';

      // The hub sees the link; the district office, which cannot see the hub's case, does not.
      expect((await h.triageOf(local)).possibleDuplicates.map((d) => d.caseId)).toEqual([atHub.id]);
      const localQueue = await h.screeningQueue('taphanhin.intake');
      const item = localQueue.find((entry) => entry.id === local);
      expect(item?.triage && codesOf(item.triage)).toContain('possible_duplicate');
      expect(item?.possibleDuplicates).toEqual([]);
      expect(localQueue.every((entry) => entry.holder.code === 'dho-6604')).toBe(true);
      expect((await t.request({ method: 'GET', url: `/api/v1/cases/${atHub.id}/triage`, as: 'taphanhin.intake' })).statusCode).toBe(404);
    });
  });

});

describeEachApp('clusters of similar complaints', (t) => {
  const h = triageHelpers(t);
  signInFirst(t, ['hub.intake', 'hub.supervisor', 'hub.admin', 'moph.supervisor', 'pho66.officer', 'rtp.officer']);

  const at = (day: string) => t.setNow(new Date(`${day}T09:00:00+07:00`));
  const MARCH = 'from=2026-03-01&to=2026-03-31';
  const filed: Record<string, Filed> = {};

  beforeAll(async () => {
    // Three ways of saying the same thing in Taphan Hin within a week, something else there,
    // and the same thing in another district.
    at('2026-03-02');
    filed.w1 = await h.file(WASTE[0], TAPHAN_HIN, { categoryCode: 'waste' });
    at('2026-03-04');
    filed.w2 = await h.file(WASTE[1], TAPHAN_HIN, { categoryCode: 'waste' });
    filed.otherDistrict = await h.file(WASTE[2], MUEANG_PHICHIT, { categoryCode: 'waste' });
    at('2026-03-05');
    filed.lighting = await h.file(LIGHTING, TAPHAN_HIN);
    at('2026-03-06');
    filed.w3 = await h.file(WASTE[2], TAPHAN_HIN, { categoryCode: 'waste' });
    // The same again two weeks later: more than a week after any of the three.
    at('2026-03-20');
    filed.late = await h.file(WASTE[0], TAPHAN_HIN, { categoryCode: 'waste' });
    t.setNow(undefined);
  });

  it('answers 401, 403 to administrators and 400 to a bad period', async () => {
    expect((await h.clusters(undefined, MARCH)).statusCode).toBe(401);
    expect((await h.clusters('hub.admin', MARCH)).statusCode).toBe(403);
    const tooLong = await h.clusters('hub.supervisor', 'from=2026-01-01&to=2026-04-03');
    expect(tooLong.statusCode).toBe(400);
    expect(fieldsOf(tooLong)).toContain('query.to');
    // 92 days, both ends included, is the most.
    expect((await h.clusters('hub.supervisor', 'from=2026-01-01&to=2026-04-02')).statusCode).toBe(200);
    const backwards = await h.clusters('hub.supervisor', 'from=2026-03-31&to=2026-03-01');
    expect(backwards.statusCode).toBe(400);
    expect(fieldsOf(backwards)).toContain('query.to');
    const notADay = await h.clusters('hub.supervisor', 'from=2026-03-01&to=31-03-2026');
    expect(notADay.statusCode).toBe(400);
    expect(fieldsOf(notADay)).toContain('query.to');
  });

  it('groups the three similar complaints of one district and week into one cluster, with their shared words', async () => {
    const response = await h.clusters('hub.supervisor', MARCH);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<Clusters>();
    expect(body.casesConsidered).toBe(6);
    expect(body.total).toBe(1);
    const [cluster] = body.items;
    expect(cluster).toMatchObject({ id: filed.w1?.id, provinceCode: '66', districtCode: '6604', categoryCode: 'waste', size: 3 });
    expect(cluster?.cases.map((c) => c.id)).toEqual([filed.w1?.id, filed.w2?.id, filed.w3?.id]);
    expect(cluster?.topTerms).toContain('ขยะ');
    expect(cluster?.topTerms.length).toBeLessThanOrEqual(5);

    // Other provinces and periods have none.
    expect((await h.clusters('hub.supervisor', `${MARCH}&provinceCode=10`)).json<Clusters>()).toMatchObject({ casesConsidered: 0, total: 0, items: [] });
    expect((await h.clusters('hub.supervisor', `${MARCH}&provinceCode=66`)).json<Clusters>().total).toBe(1);
    expect((await h.clusters('hub.supervisor', 'from=2026-04-01&to=2026-04-30')).json<Clusters>().total).toBe(0);
  });

  it('counts only the cases the user’s agency and those below it hold', async () => {
    // All six are at the hub: another branch sees nothing.
    for (const as of ['moph.supervisor', 'pho66.officer', 'rtp.officer']) {
      expect((await h.clusters(as, MARCH)).json<Clusters>(), as).toMatchObject({ casesConsidered: 0, total: 0 });
    }
    // Two of the three go to the Taphan Hin health office: the MOPH branch sees those two.
    at('2026-03-09');
    await t.act('hub.intake', filed.w1?.id ?? '', 'assign', { agencyCode: 'dho-6604' });
    await t.act('hub.intake', filed.w2?.id ?? '', 'assign', { agencyCode: 'dho-6604' });
    t.setNow(undefined);
    for (const as of ['moph.supervisor', 'pho66.officer']) {
      const body = (await h.clusters(as, MARCH)).json<Clusters>();
      expect(body.casesConsidered, as).toBe(2);
      expect(body.items.map((c) => c.cases.map((x) => x.id)), as).toEqual([[filed.w1?.id, filed.w2?.id]]);
    }
    expect((await h.clusters('rtp.officer', MARCH)).json<Clusters>().total).toBe(0);
    expect((await h.clusters('hub.supervisor', MARCH)).json<Clusters>().items[0]?.size).toBe(3);
  });
  it('puts the largest cluster first and pages through them', async () => {
    // April: three road complaints in Taphan Hin and two about street lights in Mueang Phichit.
    for (const [day, text, where] of [
      ['2026-04-06', LIGHTING, MUEANG_PHICHIT],
      ['2026-04-07', LIGHTING, MUEANG_PHICHIT],
      ['2026-04-08', ROAD, TAPHAN_HIN],
      ['2026-04-09', ROAD_AGAIN, TAPHAN_HIN],
      ['2026-04-10', ROAD, TAPHAN_HIN],
    ] as const) {
      at(day);
      await h.file(text, where);
    }
    t.setNow(undefined);
    const APRIL = 'from=2026-04-01&to=2026-04-30';
    const all = (await h.clusters('hub.supervisor', APRIL)).json<Clusters & { nextCursor: string | null }>();
    expect(all.items.map((c) => [c.districtCode, c.size])).toEqual([
      ['6604', 3],
      ['6601', 2],
    ]);
    expect(all.nextCursor).toBeNull();
    const first = (await h.clusters('hub.supervisor', `${APRIL}&limit=1`)).json<Clusters & { nextCursor: string | null }>();
    expect(first.items.map((c) => c.size)).toEqual([3]);
    expect(first.total).toBe(2);
    const second = (await h.clusters('hub.supervisor', `${APRIL}&limit=1&cursor=${first.nextCursor ?? ''}`)).json<Clusters & { nextCursor: string | null }>();
    expect(second.items.map((c) => c.size)).toEqual([2]);
    expect(second.nextCursor).toBeNull();
    const badCursor = await h.clusters('hub.supervisor', `${APRIL}&cursor=not-a-cursor`);
    expect(badCursor.statusCode).toBe(400);
    expect(fieldsOf(badCursor)).toContain('query.cursor');
  });
});
