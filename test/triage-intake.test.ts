/**
 * Triage at intake through the real stack: the decision (assigned by routing rule, or left to a
 * person and why), a category chosen by staff recording the complaint, and the screening queue
 * (คัดกรอง) where undecided cases wait. Runs on both engines.
 */
import { describe, expect, it } from 'vitest';
import { predict } from '../src/server/triage/classifier.ts';
import { triageModelOf } from '../src/server/triage/model-store.ts';
import { describeEachApp } from './support/app.ts';
import {
  BANG_KHEN,
  BANG_RAK,
  CHIANG_MAI,
  codesOf,
  DRUGS,
  HEALTH,
  LIGHTING,
  PHRA_NAKHON,
  ROAD,
  ROAD_AGAIN,
  ROAD_UNSURE,
  ROAD_WITH_BRIBE,
  ROAD_WITH_DRUGS,
  setUpIntake,
  SIDEWALK,
  TAPHAN_HIN,
  triageHelpers,
  UNKNOWN_ID,
  WASTE,
  type Filed,
  type Suggestion,
  type Triage,
} from './support/triage.ts';
import type { CaseDetail, PublicCase, Receipt } from '../src/shared/api/index.ts';

/** What a staff intake answers. */

describeEachApp('triage at intake', (t) => {
  const h = triageHelpers(t);
  const rules = setUpIntake(t, h);

  /** Files, checks the case stayed at the hub for screening, and returns its triage as the queue shows it. */
  async function screened(filed: Filed): Promise<Triage> {
    expect(filed.status).toBe('received');
    expect((await h.caseRow(filed.id)).holder).toBe('hub-1111');
    const item = (await h.screeningQueue('hub.intake')).find((entry) => entry.id === filed.id);
    if (!item?.triage) throw new Error(`case ${filed.trackingCode} is not in the hub's screening queue with its triage`);
    expect(item.triage.decision).toBe('screening');
    for (const reason of item.triage.reasons) expect(reason.messageTh).toMatch(/[\u0E00-\u0E7F]/);
    expect(item.triage).toEqual((await h.triageOf(filed.id)).triage);
    return item.triage;
  }

  function ruleSuggestion(triage: Triage, agencyCode: string): Suggestion {
    const suggestion = triage.suggestions.find((s) => s.agencyCode === agencyCode);
    if (!suggestion) throw new Error(`${agencyCode} is not among the suggestions ${JSON.stringify(triage.suggestions)}`);
    expect(suggestion.source).toBe('rule');
    expect(suggestion.reasonTh).toContain('กฎการส่งต่อ');
    return suggestion;
  }

  it('uses a shipped model that classifies the texts of these scenarios as they expect', async () => {
    const model = await triageModelOf(t.ctx().config);
    if (!model) throw new Error('classification is off in the test config');
    const threshold = t.ctx().config.autoAssignConfidence ?? 1;
    const sure: Array<[string, string]> = [
      [ROAD, 'ถนน'],
      [ROAD_AGAIN, 'ถนน'],
      [ROAD_WITH_DRUGS, 'ถนน'],
      [SIDEWALK, 'ทางเท้า'],
      [LIGHTING, 'แสงสว่าง'],
      [WASTE[0], 'ความสะอาด'],
    ];
    for (const [text, label] of sure) {
      const prediction = predict(model, text);
      expect({ text, label: prediction.label, sure: prediction.confidence >= threshold }, `confidence ${prediction.confidence}`).toEqual({ text, label, sure: true });
    }
    const unsure = predict(model, ROAD_UNSURE);
    expect({ label: unsure.label, sure: unsure.confidence >= threshold }, `confidence ${unsure.confidence}`).toEqual({ label: 'ถนน', sure: false });
  });

  describe('assigned by rule', () => {
    it('assigns a confident road complaint in Bang Rak to the Bang Rak district office, saying so in the case history', async () => {
      h.slot();
      const filed = await h.file(ROAD, BANG_RAK, { categoryCode: 'road' });
      expect(filed.status).toBe('assigned');
      expect(await h.caseRow(filed.id)).toMatchObject({ status: 'assigned', holder: 'bma-d1004', category_code: 'road' });

      const { triage, possibleDuplicates } = await h.triageOf(filed.id);
      expect(triage).toMatchObject({ decision: 'auto_assigned', reasons: [], predictedLabel: 'ถนน', predictedCategoryCode: 'road', proposedAgencyCode: 'bma-d1004' });
      expect(triage.modelVersion).toEqual(expect.any(String));
      expect(triage.confidence).toBeGreaterThanOrEqual(0.9);
      expect(triage.topWords.map((word) => word.word)).toContain('ถนน');
      expect(possibleDuplicates).toEqual([]);

      const events = await h.events(filed.id);
      expect(events.map((event) => [event.type, event.visibility])).toEqual([
        ['received', 'public'],
        ['triaged', 'internal'],
        ['assigned', 'public'],
      ]);
      expect(events[1]?.payload).toMatchObject({ decision: 'auto_assigned', ruleId: rules.roadBangkok, modelVersion: triage.modelVersion, predictedCategoryCode: 'road' });
      expect(events[2]).toMatchObject({
        actor_user_id: null,
        payload: { agencyCode: 'bma-d1004', automatic: true, ruleId: rules.roadBangkok, modelVersion: triage.modelVersion },
      });

      const handovers = await t.db().query<{ kind: string; to_agency_id: string; by_user_id: string | null }>(
        'SELECT kind, to_agency_id, by_user_id FROM case_handovers WHERE case_id = $1',
        [filed.id],
      );
      expect(handovers).toEqual([{ kind: 'assign', to_agency_id: await h.agencyId('bma-d1004'), by_user_id: null }]);
      const jobs = await t.db().query<{ payload: { agencyId: string; kind: string } }>(
        "SELECT payload FROM jobs WHERE type = 'notify.staff' AND payload->>'caseId' = $1",
        [filed.id],
      );
      expect(jobs.map((job) => job.payload)).toEqual([expect.objectContaining({ agencyId: await h.agencyId('bma-d1004'), kind: 'assigned' })]);

      // The district office has it; the hub's screening queue does not; the citizen sees who.
      expect((await t.request({ method: 'GET', url: `/api/v1/cases/${filed.id}`, as: 'bmad1004.officer' })).statusCode).toBe(200);
      expect((await h.screeningQueue('hub.intake')).map((item) => item.id)).not.toContain(filed.id);
      const tracking = await t.request({ method: 'GET', url: `/api/v1/public/complaints/${filed.trackingCode}`, headers: { 'x-access-key': filed.accessKey } });
      const publicCase = tracking.json<PublicCase>();
      expect(publicCase).toMatchObject({ status: 'assigned', agency: { code: 'bma-d1004' } });
      // How triage saw it stays internal.
      expect(publicCase.timeline.map((entry) => entry.type)).toEqual(['received', 'assigned']);
      const audit = await t.db().query<{ actor_user_id: string | null; actor_label: string }>(
        "SELECT actor_user_id, actor_label FROM audit_log WHERE entity_type = 'case' AND entity_id = $1 AND action = 'case.assign'",
        [filed.id],
      );
      expect(audit).toEqual([{ actor_user_id: null, actor_label: 'triage' }]);
    });

    it('sends a road complaint in Taphan Hin to the office serving Phichit under the Interior (province_office)', async () => {
      h.slot();
      const filed = await h.file(ROAD, TAPHAN_HIN);
      expect(await h.caseRow(filed.id)).toMatchObject({ status: 'assigned', holder: 'dtc-p66', category_code: 'road' });
      const { triage } = await h.triageOf(filed.id);
      expect(triage).toMatchObject({ decision: 'auto_assigned', proposedAgencyCode: 'dtc-p66' });
      expect((await h.events(filed.id)).at(-1)?.payload).toMatchObject({ automatic: true, ruleId: rules.roadPhichit, agencyCode: 'dtc-p66' });
    });
  });

  describe('left to a person', () => {
    it('when the model is not sure enough: the rule’s office is suggested, scored by the confidence', async () => {
      h.slot();
      const triage = await screened(await h.file(ROAD_UNSURE, BANG_RAK));
      expect(codesOf(triage)).toEqual(['low_confidence']);
      expect(triage.predictedCategoryCode).toBe('road');
      const suggestion = ruleSuggestion(triage, 'bma-d1004');
      expect(suggestion.reasonTh).toContain('สำนักงานเขตบางรัก');
      // A province rule weighs 0.9, times the model's confidence.
      expect(suggestion.score).toBeCloseTo(0.9 * (triage.confidence ?? -1), 2);
      expect(triage.suggestions[0]?.agencyCode).toBe('bma-d1004');
      expect(triage.proposedAgencyCode).toBe('bma-d1004');
    });

    it('when the text names a drug, however sure the model is of the road: the drugs rule is suggested, not the road rule', async () => {
      h.slot();
      const filed = await h.file(ROAD_WITH_DRUGS, BANG_RAK);
      const triage = await screened(filed);
      expect(triage.predictedCategoryCode).toBe('road');
      expect(codesOf(triage)).toEqual(['sensitive_terms', 'rule_not_automatic']);
      expect(triage.sensitiveTerms.map((term) => term.categoryCode)).toContain('drugs');
      expect(triage.sensitiveTerms.map((term) => term.term).join(' ')).toContain('ยาบ้า');
      // The category a sensitive term names picks the rules (anywhere: 0.8, as sure as a term: 0.8).
      const police = ruleSuggestion(triage, 'rtp');
      expect(police.reasonTh).toContain('ให้เจ้าหน้าที่พิจารณาเสมอ');
      expect(police.score).toBeCloseTo(0.64, 3);
      expect(triage.suggestions.map((s) => s.agencyCode)).not.toContain('bma-d1004');
      expect(triage.proposedAgencyCode).toBe('rtp');
    });

    it('suggests the police for a drugs complaint by a rule that is never automatic, and keeps the complainant confidential', async () => {
      h.slot();
      const filed = await h.file(DRUGS, BANG_RAK, { categoryCode: 'drugs', complainant: { phone: '0812220001' } });
      const triage = await screened(filed);
      expect(codesOf(triage)).toEqual(expect.arrayContaining(['sensitive_category', 'sensitive_terms', 'rule_not_automatic']));
      expect(codesOf(triage)).not.toContain('no_rule');
      const police = ruleSuggestion(triage, 'rtp');
      expect(police.reasonTh).toContain('ให้เจ้าหน้าที่พิจารณาเสมอ');
      expect(triage.proposedAgencyCode).toBe('rtp');
      expect(await h.caseRow(filed.id)).toMatchObject({ sensitive: true, confidential: true });
    });

    it('when no rule covers the category and area', async () => {
      h.slot();
      const triage = await screened(await h.file(LIGHTING, BANG_RAK));
      expect(codesOf(triage)).toEqual(['no_rule']);
      expect(triage.predictedCategoryCode).toBe('lighting');
      expect(triage.suggestions).toEqual([]);
      expect(triage.proposedAgencyCode).toBeNull();
    });

    it('when two rules of the same (most specific) level apply; the province rule applies again once they are gone', async () => {
      const toOffice = await h.createRule('hub.admin', { categoryCode: 'road', areaCode: '1001', agencyCode: 'bma', target: 'district_office' });
      const toPolice = await h.createRule('hub.admin', { categoryCode: 'road', areaCode: '1001', agencyCode: 'rtp' });
      h.slot();
      const triage = await screened(await h.file(ROAD, PHRA_NAKHON));
      expect(codesOf(triage)).toEqual(['several_rules']);
      expect(triage.suggestions.length).toBeLessThanOrEqual(3);
      const office = ruleSuggestion(triage, 'bma-d1001');
      expect(office.reasonTh).toContain('สำนักงานเขตพระนคร');
      ruleSuggestion(triage, 'rtp');

      for (const rule of [toOffice, toPolice]) {
        expect((await t.request({ method: 'DELETE', url: `/api/v1/routing-rules/${rule.id}`, as: 'hub.admin' })).statusCode).toBe(204);
      }
      h.slot();
      const later = await h.file(ROAD, PHRA_NAKHON);
      expect(await h.caseRow(later.id)).toMatchObject({ status: 'assigned', holder: 'bma-d1001' });
      expect((await h.events(later.id)).at(-1)?.payload).toMatchObject({ automatic: true, ruleId: rules.roadBangkok });
    });

    it('when the category the citizen chose is not the one the model sees', async () => {
      h.slot();
      const filed = await h.file(SIDEWALK, BANG_RAK, { categoryCode: 'road' });
      const triage = await screened(filed);
      expect(codesOf(triage)).toEqual(['category_disagrees']);
      expect(triage.predictedCategoryCode).toBe('sidewalk');
      // The (province) rule of the citizen's category is still offered, as sure as the citizen.
      expect(ruleSuggestion(triage, 'bma-d1004').score).toBe(0.9);
      expect((await h.caseRow(filed.id)).category_code).toBe('road');
    });

    it('when the rule’s area office is missing (no district office for Bang Khen in this network)', async () => {
      h.slot();
      const triage = await screened(await h.file(ROAD, BANG_KHEN));
      expect(codesOf(triage)).toEqual(['no_area_office']);
      // Nowhere to send it: the rule names no agency to suggest.
      expect(triage.suggestions.map((s) => s.agencyCode)).not.toContain('bma');
    });

    it('when the rule sends the case where it already is (recorded by the Bang Rak office itself)', async () => {
      h.slot();
      const recorded = await t.request({ method: 'POST', url: '/api/v1/cases', as: 'bmad1004.officer', body: { description: ROAD, channel: 'counter', location: BANG_RAK } });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const receipt = recorded.json<Receipt>();
      expect(receipt.status).toBe('received');
      const [row] = await t.db().query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [receipt.trackingCode]);
      const id = row?.id ?? UNKNOWN_ID;
      expect((await h.caseRow(id)).holder).toBe('bma-d1004');
      const { triage } = await h.triageOf(id, 'hub.intake');
      expect(codesOf(triage)).toEqual(['rule_targets_receiver']);
    });

    it('when classification or auto-assignment is switched off, saying which', async () => {
      const config = t.ctx().config;
      const { triageModel, autoAssignConfidence } = config;
      try {
        h.slot();
        config.autoAssignConfidence = null;
        const noAuto = await screened(await h.file(ROAD, BANG_RAK));
        expect(codesOf(noAuto)).toEqual(['auto_assign_off']);
        expect(noAuto.predictedCategoryCode).toBe('road');
        config.autoAssignConfidence = autoAssignConfidence;

        h.slot();
        config.triageModel = 'off';
        const off = await screened(await h.file(ROAD, BANG_RAK, { categoryCode: 'road' }));
        expect(codesOf(off)).toEqual(['classification_off']);
        expect(off).toMatchObject({ modelVersion: null, predictedLabel: null, predictedCategoryCode: null, confidence: null, topWords: [] });
        // The citizen's category still finds the rule.
        expect(ruleSuggestion(off, 'bma-d1004').score).toBe(0.9);
      } finally {
        config.triageModel = triageModel;
        config.autoAssignConfidence = autoAssignConfidence;
      }
    });

    it('suggests the provincial health office of the case’s province for a health-service complaint', async () => {
      h.slot();
      const phichit = await h.file(HEALTH, TAPHAN_HIN, { categoryCode: 'health-service' });
      const chiangMai = await h.file(HEALTH, CHIANG_MAI, { categoryCode: 'health-service' });
      const inPhichit = await screened(phichit);
      const inChiangMai = await screened(chiangMai);
      // No model label stands for health services: the model never agrees with a citizen's choice,
      // a person decides (staff's own choice stands: see below).
      expect(codesOf(inPhichit).some((code) => code === 'category_disagrees' || code === 'unmapped_label' || code === 'low_confidence')).toBe(true);
      expect(codesOf(inPhichit)).not.toContain('no_rule');
      expect(ruleSuggestion(inPhichit, 'pho-66').reasonTh).toContain('สำนักงานสาธารณสุขจังหวัดพิจิตร');
      expect(inPhichit.proposedAgencyCode).toBe('pho-66');
      expect(ruleSuggestion(inChiangMai, 'pho-50').reasonTh).toContain('สำนักงานสาธารณสุขจังหวัดเชียงใหม่');
      expect(inChiangMai.proposedAgencyCode).toBe('pho-50');

      // Following the suggestion is no correction.
      await t.act('hub.intake', phichit.id, 'assign', { agencyCode: 'pho-66' });
      expect(await h.corrections(phichit.id)).toEqual([]);
    });
  });

  describe('a category chosen by staff at intake', () => {
    it('stands without the model’s agreement: a health-service complaint recorded by staff goes to the provincial health office', async () => {
      h.slot();
      const recorded = await h.record('hub.intake', HEALTH, TAPHAN_HIN, { categoryCode: 'health-service' });
      expect(recorded.status).toBe('assigned');
      expect(await h.caseRow(recorded.id)).toMatchObject({ status: 'assigned', holder: 'pho-66', category_code: 'health-service' });
      const { triage } = await h.triageOf(recorded.id);
      expect(triage).toMatchObject({ decision: 'auto_assigned', reasons: [], proposedAgencyCode: 'pho-66' });
      // The model still had its say, and no label of it stands for health services.
      expect(triage.modelVersion).toEqual(expect.any(String));
      expect(triage.predictedCategoryCode).not.toBe('health-service');
      const events = await h.events(recorded.id);
      expect(events.map((event) => event.type)).toEqual(['received', 'triaged', 'assigned']);
      expect(events.at(-1)).toMatchObject({ actor_user_id: null, payload: { agencyCode: 'pho-66', automatic: true, ruleId: rules.health } });

      // The same text and category from a citizen still needs the model to agree.
      h.slot();
      const filed = await h.file(HEALTH, TAPHAN_HIN, { categoryCode: 'health-service' });
      const fromCitizen = await screened(filed);
      expect(codesOf(fromCitizen).some((code) => code === 'category_disagrees' || code === 'low_confidence')).toBe(true);
      expect(codesOf(fromCitizen)).not.toContain('possible_duplicate');
      expect(fromCitizen.proposedAgencyCode).toBe('pho-66');
    });

    it('leaves a drugs complaint recorded by staff to a person: the category is sensitive and the rule never automatic', async () => {
      h.slot();
      const recorded = await h.record('hub.intake', DRUGS, BANG_RAK, { categoryCode: 'drugs' });
      const triage = await screened(recorded);
      // Only the model's doubts are lifted.
      expect(codesOf(triage)).toEqual(['sensitive_category', 'sensitive_terms', 'rule_not_automatic']);
      expect(ruleSuggestion(triage, 'rtp').reasonTh).toContain('ให้เจ้าหน้าที่พิจารณาเสมอ');
      expect(await h.caseRow(recorded.id)).toMatchObject({ category_code: 'drugs', sensitive: true, confidential: true });
    });

    it('leaves it to a person when auto-assignment is switched off or the complaint may be a duplicate', async () => {
      const config = t.ctx().config;
      const { autoAssignConfidence } = config;
      h.slot();
      let first: Filed;
      try {
        config.autoAssignConfidence = null;
        first = await h.record('hub.intake', HEALTH, TAPHAN_HIN, { categoryCode: 'health-service' });
        expect(codesOf(await screened(first))).toEqual(['auto_assign_off']);
      } finally {
        config.autoAssignConfidence = autoAssignConfidence;
      }
      const again = await h.record('hub.intake', HEALTH, TAPHAN_HIN, { categoryCode: 'health-service' });
      expect(codesOf(await screened(again))).toEqual(['possible_duplicate']);
      expect((await h.triageOf(again.id)).possibleDuplicates.map((d) => d.caseId)).toEqual([first.id]);
    });
  });

  // เรื่องอ่อนไหว by its words: as if a sensitive category had been chosen, whatever category was.
  describe('sensitive by its words', () => {
    const detailAs = async (caseId: string, as: string) => {
      const response = await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, as });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<CaseDetail>();
    };
    const revealAs = async (caseId: string, as: string) => (await t.request({ method: 'POST', url: `/api/v1/cases/${caseId}/identity`, as })).statusCode;

    it('a public filing with no category that names a drug: sensitive and confidential at once, screened by a person, the complainant hidden from the agency it goes to', async () => {
      h.slot();
      const filed = await h.file(DRUGS, BANG_RAK, { complainant: { name: 'สมศรี มีสุข', phone: '0812220002' } });
      expect(await h.caseRow(filed.id)).toMatchObject({ status: 'received', holder: 'hub-1111', category_code: null, sensitive: true, confidential: true });
      const triage = await screened(filed);
      expect(codesOf(triage)).toContain('sensitive_terms');
      expect(triage.reasons.find((reason) => reason.code === 'sensitive_terms')?.messageTh).toContain('ปกปิดตัวตนผู้ร้อง');
      expect(triage.sensitiveTerms).toContainEqual({ categoryCode: 'drugs', term: 'ยาบ้า' });
      expect((await h.screeningQueue('hub.intake')).find((item) => item.id === filed.id)).toMatchObject({ sensitive: true, confidential: true });
      // Why, in the triage event and on the staff timeline, in Thai.
      const triaged = (await h.events(filed.id)).find((event) => event.type === 'triaged');
      expect(triaged?.payload).toMatchObject({ sensitiveBy: 'terms', sensitiveTerms: expect.arrayContaining(['ยาบ้า']) });
      const atHub = await detailAs(filed.id, 'hub.intake');
      expect(atHub.timeline.find((event) => event.type === 'triaged')?.message).toMatch(/ยาบ้า.*ถือเป็นเรื่องอ่อนไหว.*ปกปิดตัวตนผู้ร้อง/);

      // The hub took the complaint in and may contact the complainant; the police it goes to may not know who it is.
      expect(atHub.complainant).toEqual({ present: true, visible: true });
      await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'rtp' });
      const atPolice = await detailAs(filed.id, 'rtp.officer');
      expect(atPolice).toMatchObject({ sensitive: true, confidential: true, complainant: { present: true, visible: false } });
      expect(await revealAs(filed.id, 'rtp.officer')).toBe(403);
      expect(await revealAs(filed.id, 'hub.intake')).toBe(200);
    });

    it('a bribe named in a complaint recorded by staff under a plain category: sensitive, confidential and screened all the same', async () => {
      h.slot();
      const recorded = await h.record('hub.intake', ROAD_WITH_BRIBE, BANG_RAK, { categoryCode: 'road', complainant: { name: 'สมชาย กล้าหาญ', phone: '0812220003' } });
      // The Bangkok road rule is automatic and staff chose the category: only the words hold it back.
      expect(await h.caseRow(recorded.id)).toMatchObject({ status: 'received', holder: 'hub-1111', category_code: 'road', sensitive: true, confidential: true });
      const triage = await screened(recorded);
      expect(codesOf(triage)).toEqual(['sensitive_terms']);
      expect(triage.sensitiveTerms).toEqual([{ categoryCode: 'corruption', term: 'เรียกรับเงิน' }]);
      await t.act('hub.intake', recorded.id, 'assign', { agencyCode: 'bma-d1004' });
      expect((await detailAs(recorded.id, 'bmad1004.officer')).complainant).toEqual({ present: true, visible: false });
      expect(await revealAs(recorded.id, 'bmad1004.officer')).toBe(403);
    });

    it('a complaint without such words stays an ordinary one', async () => {
      h.slot();
      const filed = await h.file(LIGHTING, BANG_RAK, { complainant: { name: 'สมใจ ดีงาม', phone: '0812220004' } });
      expect(await h.caseRow(filed.id)).toMatchObject({ sensitive: false, confidential: false });
      expect((await h.events(filed.id)).find((event) => event.type === 'triaged')?.payload).not.toHaveProperty('sensitiveBy');
    });
  });

  describe('the screening queue and a case’s triage', () => {
    it('answers 401, 403 to roles that do not screen, 400 to a bad limit or cursor, and 404 for a case out of scope', async () => {
      expect((await t.request({ method: 'GET', url: '/api/v1/screening' })).statusCode).toBe(401);
      for (const as of ['moph.officer', 'bmad1004.officer', 'hub.admin', 'bma.admin']) {
        expect((await t.request({ method: 'GET', url: '/api/v1/screening', as })).statusCode, as).toBe(403);
      }
      expect((await t.request({ method: 'GET', url: '/api/v1/screening?limit=0', as: 'hub.intake' })).statusCode).toBe(400);
      expect((await t.request({ method: 'GET', url: '/api/v1/screening?cursor=garbage', as: 'hub.intake' })).statusCode).toBe(400);

      const [atHub] = await t.db().query<{ id: string }>("SELECT c.id FROM cases c JOIN agencies a ON a.id = c.holder_agency_id WHERE a.code = 'hub-1111' LIMIT 1");
      const id = atHub?.id ?? UNKNOWN_ID;
      expect((await t.request({ method: 'GET', url: `/api/v1/cases/${id}/triage` })).statusCode).toBe(401);
      expect((await t.request({ method: 'GET', url: `/api/v1/cases/${id}/triage`, as: 'rtp.officer' })).statusCode).toBe(404);
      expect((await t.request({ method: 'GET', url: `/api/v1/cases/${UNKNOWN_ID}/triage`, as: 'hub.intake' })).statusCode).toBe(404);
    });

    it('lists the cases the user’s agency holds for screening, oldest first, page by page', async () => {
      const expected = await t.db().query<{ id: string }>(
        `SELECT c.id FROM cases c JOIN agencies a ON a.id = c.holder_agency_id
         WHERE a.code = 'hub-1111' AND c.status IN ('received', 'screening') ORDER BY c.received_at, c.id`,
      );
      expect(expected.length).toBeGreaterThan(5);
      const paged = await h.screeningQueue('hub.intake', 2);
      expect(paged.map((item) => item.id)).toEqual(expected.map((row) => row.id));
      const times = paged.map((item) => item.receivedAt);
      expect(times).toEqual([...times].sort());
      expect(paged.every((item) => item.triage !== null && ['received', 'screening'].includes(item.status) && item.holder.code === 'hub-1111')).toBe(true);
      // A supervisor of the same agency sees the same queue.
      expect((await h.screeningQueue('hub.supervisor', 25)).map((item) => item.id)).toEqual(expected.map((row) => row.id));
    });
  });
});
