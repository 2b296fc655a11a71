/**
 * After triage: where people sent similar complaints before informs the suggestions, and what
 * they decide otherwise than proposed is kept as a correction (training data for the model).
 * Runs on both engines.
 */
import { describe, expect, it } from 'vitest';
import { describeEachApp } from './support/app.ts';
import { BANG_RAK, codesOf, fieldsOf, LIGHTING, MUEANG_PHICHIT, ROAD, ROAD_UNSURE, setUpIntake, SIDEWALK, triageHelpers } from './support/triage.ts';

describeEachApp('triage at intake', (t) => {
  const h = triageHelpers(t);
  setUpIntake(t, h);

  describe('suggestions from similar cases', () => {
    it('suggests where a person sent a similar complaint before, with how many and how alike', async () => {
      h.slot();
      const before = await h.file(LIGHTING, BANG_RAK);
      await t.act('hub.intake', before.id, 'assign', { agencyCode: 'bma-d1004' });
      // Past the duplicate window, still within the year of routing history.
      h.slot();
      const triage = (await h.triageOf((await h.file(LIGHTING, BANG_RAK)).id)).triage;
      expect(codesOf(triage)).toEqual(['no_rule']);
      expect(triage.suggestions).toEqual([
        { agencyCode: 'bma-d1004', agencyNameTh: 'สำนักงานเขตบางรัก', score: expect.any(Number), source: 'similar_cases', reasonTh: expect.stringContaining('เรื่องที่คล้ายกัน 1 เรื่อง') },
      ]);
      // One case as alike as can be: half trust.
      expect(triage.suggestions[0]?.score).toBeCloseTo(0.5, 2);
      expect(triage.proposedAgencyCode).toBe('bma-d1004');
    });
  });

  describe('corrections', () => {
    it('keeps a category other than the predicted one and the first hand-over elsewhere than proposed, with the model version', async () => {
      h.slot();
      const filed = await h.file(ROAD_UNSURE, BANG_RAK);
      const { triage } = await h.triageOf(filed.id);
      expect(triage).toMatchObject({ predictedCategoryCode: 'road', proposedAgencyCode: 'bma-d1004' });

      const unknown = await t.request({ method: 'POST', url: `/api/v1/cases/${filed.id}/actions/screen`, as: 'hub.intake', body: { categoryCode: 'no-such-category' } });
      expect(unknown.statusCode).toBe(400);
      expect(fieldsOf(unknown)).toContain('categoryCode');
      expect(await h.corrections(filed.id)).toEqual([]);

      await t.act('hub.intake', filed.id, 'screen', { categoryCode: 'flood', note: 'น้ำขังเป็นเรื่องหลัก' });
      expect((await h.caseRow(filed.id)).category_code).toBe('flood');
      await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'bma-d1001' });
      // Passed on again: only the first hand-over counts.
      await t.act('bmad1001.officer', filed.id, 'forward', { agencyCode: 'bma-d1004' });
      expect(await h.corrections(filed.id)).toEqual([
        { field: 'agency', proposed: 'bma-d1004', corrected: 'bma-d1001', model_version: triage.modelVersion, username: 'hub.intake' },
        { field: 'category', proposed: 'road', corrected: 'flood', model_version: triage.modelVersion, username: 'hub.intake' },
      ]);
    });

    it('records no category correction when the person agrees, and the agency with nothing proposed', async () => {
      const filed = await h.file(SIDEWALK, BANG_RAK);
      const { triage } = await h.triageOf(filed.id);
      expect(triage).toMatchObject({ predictedCategoryCode: 'sidewalk', proposedAgencyCode: null });
      await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'bma-d1004', categoryCode: 'sidewalk' });
      expect(await h.corrections(filed.id)).toEqual([
        { field: 'agency', proposed: null, corrected: 'bma-d1004', model_version: triage.modelVersion, username: 'hub.intake' },
      ]);
    });

    it('counts a case assigned by rule and forwarded elsewhere as an agency correction', async () => {
      h.slot();
      const filed = await h.file(ROAD, BANG_RAK);
      expect((await h.caseRow(filed.id)).holder).toBe('bma-d1004');
      await t.act('bmad1004.officer', filed.id, 'forward', { agencyCode: 'bma-d1001', reason: 'อยู่ในเขตพระนคร' });
      expect((await h.corrections(filed.id)).map((c) => [c.field, c.proposed, c.corrected, c.username])).toEqual([['agency', 'bma-d1004', 'bma-d1001', 'bmad1004.officer']]);
    });

    it('makes a case sensitive and confidential when a person files it under a sensitive category', async () => {
      const filed = await h.file(LIGHTING, MUEANG_PHICHIT);
      expect(await h.caseRow(filed.id)).toMatchObject({ sensitive: false, confidential: false });
      await t.act('hub.intake', filed.id, 'screen', { categoryCode: 'corruption' });
      expect(await h.caseRow(filed.id)).toMatchObject({ category_code: 'corruption', sensitive: true, confidential: true });
      expect((await h.corrections(filed.id)).map((c) => [c.field, c.proposed, c.corrected])).toEqual([['category', 'lighting', 'corruption']]);
      expect((await h.events(filed.id)).at(-1)).toMatchObject({ type: 'screened', payload: { categoryCode: 'corruption', previousCategoryCode: null } });
    });
  });
});
