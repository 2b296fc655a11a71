/**
 * "Same complainant" links and identity protection: that two cases came from one person is
 * told only to a user who may see the complainant of both; others see the link as a possible
 * duplicate by its text, so a confidential complainant is not tied to their other cases.
 * Runs on both engines.
 */
import { describe, expect, it } from 'vitest';
import { describeEachApp } from './support/app.ts';
import { MUEANG_PHICHIT, setUpIntake, TAPHAN_HIN, triageHelpers, WASTE, type Filed } from './support/triage.ts';
import type { CaseDetail } from '../src/shared/api/index.ts';

describeEachApp('same-complainant links and identity', (t) => {
  const h = triageHelpers(t);
  setUpIntake(t, h);

  /**
   * A citizen files at the hub (assigned on to Taphan Hin), then calls Taphan Hin's intake
   * officer about the same thing. The districts differ, so the cases are linked only as the
   * same complainant's.
   */
  async function sameComplainantTwice(phone: string, confidential: boolean): Promise<{ earlier: Filed; local: Filed }> {
    h.slot();
    const earlier = await h.file(WASTE[0], MUEANG_PHICHIT, { complainant: { name: 'สมหญิง ใจดี', phone }, confidential });
    await t.act('hub.intake', earlier.id, 'assign', { agencyCode: 'dho-6604' });
    const local = await h.record('taphanhin.intake', WASTE[1], TAPHAN_HIN, { complainant: { phone } });
    const links = await t.db().query<{ reason: string }>(
      'SELECT reason FROM case_duplicate_links WHERE (case_id = $1 AND other_case_id = $2) OR (case_id = $2 AND other_case_id = $1)',
      [local.id, earlier.id],
    );
    expect(links).toEqual([{ reason: 'same_complainant' }]);
    return { earlier, local };
  }

  const complainantVisible = async (caseId: string, as: string) =>
    (await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, as })).json<CaseDetail>().complainant.visible;

  describe('a confidential complainant', () => {
    it('is not tied to their other case for a user who may not see them: the link is a possible duplicate', async () => {
      const { earlier, local } = await sameComplainantTwice('0861112222', true);
      // Taphan Hin took the call (sees that complainant) but holds the hub's confidential case without seeing who filed it.
      expect(await complainantVisible(local.id, 'taphanhin.intake')).toBe(true);
      expect(await complainantVisible(earlier.id, 'taphanhin.intake')).toBe(false);

      const { possibleDuplicates } = await h.triageOf(local.id, 'taphanhin.intake');
      expect(possibleDuplicates).toEqual([{ caseId: earlier.id, trackingCode: earlier.trackingCode, status: 'assigned', reason: 'similar_text', similarity: expect.any(Number) }]);
      const queued = (await h.screeningQueue('taphanhin.intake')).find((item) => item.id === local.id);
      expect(queued?.possibleDuplicates).toEqual([expect.objectContaining({ caseId: earlier.id, reason: 'similar_text' })]);
      // Nor from the other side.
      expect((await h.triageOf(earlier.id, 'taphanhin.intake')).possibleDuplicates).toEqual([expect.objectContaining({ caseId: local.id, reason: 'similar_text' })]);
    });

    it('is tied to their other case for a user who may see the complainant of both', async () => {
      h.slot();
      const phone = '0863334444';
      const first = await h.file(WASTE[0], MUEANG_PHICHIT, { complainant: { phone }, confidential: true });
      const again = await h.file(WASTE[2], TAPHAN_HIN, { complainant: { phone }, confidential: true });
      // The hub received both: it may always see who complained to it.
      expect((await h.triageOf(again.id, 'hub.intake')).possibleDuplicates).toEqual([expect.objectContaining({ caseId: first.id, reason: 'same_complainant' })]);
      const queued = (await h.screeningQueue('hub.intake')).find((item) => item.id === again.id);
      expect(queued?.possibleDuplicates).toEqual([expect.objectContaining({ caseId: first.id, reason: 'same_complainant' })]);
    });
  });

  describe('a complainant who asked for nothing', () => {
    it('is tied to their other case for the agency that holds both and took one call', async () => {
      const { earlier, local } = await sameComplainantTwice('0865556666', false);
      expect(await complainantVisible(earlier.id, 'taphanhin.intake')).toBe(true);
      expect((await h.triageOf(local.id, 'taphanhin.intake')).possibleDuplicates).toEqual([expect.objectContaining({ caseId: earlier.id, reason: 'same_complainant' })]);
      const queued = (await h.screeningQueue('taphanhin.intake')).find((item) => item.id === local.id);
      expect(queued?.possibleDuplicates).toEqual([expect.objectContaining({ caseId: earlier.id, reason: 'same_complainant' })]);
    });

    it('is not tied for an agency above, which does not need to know who complained', async () => {
      const { earlier, local } = await sameComplainantTwice('0867778888', false);
      // The hub received the first, but Taphan Hin took the second: the hub may not see that caller.
      expect(await complainantVisible(local.id, 'hub.intake')).toBe(false);
      expect((await h.triageOf(local.id, 'hub.intake')).possibleDuplicates).toEqual([expect.objectContaining({ caseId: earlier.id, reason: 'similar_text' })]);
    });
  });
});
