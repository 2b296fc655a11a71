import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SCREENING_REASONS,
  SCREENING_REASON_LABELS_TH,
  SUGGESTION_COUNT,
  decideRouting,
  mostSpecificRules,
  rankSuggestions,
  type ApplicableRule,
  type Classification,
  type RoutingInput,
  type SimilarRouting,
} from './routing-policy.ts';

const HUB = 'agency-hub-1111';
const WATTHANA = { id: 'agency-bma-1039', code: 'bma-1039', nameTh: 'สำนักงานเขตวัฒนา' };
const BMA_ROADS = { id: 'agency-bma-roads', code: 'bma-roads', nameTh: 'สำนักการโยธา กรุงเทพมหานคร' };
const MEA = { id: 'agency-mea', code: 'mea', nameTh: 'การไฟฟ้านครหลวง' };
const PWA = { id: 'agency-pwa', code: 'pwa', nameTh: 'การประปาส่วนภูมิภาค' };

/** A district rule: roads in Watthana go to the Watthana district office. */
const DISTRICT_RULE: ApplicableRule = { id: 'rule-road-1039', automatic: true, specificity: 2, agency: WATTHANA };
/** A province rule: roads in Bangkok go to the BMA public works department. */
const PROVINCE_RULE: ApplicableRule = { id: 'rule-road-10', automatic: true, specificity: 1, agency: BMA_ROADS };

/** The model is sure this is about a road (ถนน). */
const ROAD: Classification = { label: 'ถนน', categoryCode: 'road', categorySensitive: false, confidence: 0.95 };

/** Everything in favour of assigning: each test below spoils one thing (or a few). */
const CLEAR: RoutingInput = {
  classification: ROAD,
  filedCategory: undefined,
  sensitiveTermsFound: false,
  rules: [DISTRICT_RULE],
  receivingAgencyId: HUB,
  possibleDuplicates: 0,
  threshold: 0.9,
};

function reasonsOf(input: RoutingInput): string[] {
  const decision = decideRouting(input);
  return decision.decision === 'screening' ? decision.reasons : [];
}

describe('decideRouting', () => {
  it('assigns by the one automatic rule when everything holds', () => {
    expect(decideRouting(CLEAR)).toEqual({ decision: 'auto_assigned', rule: DISTRICT_RULE });
  });

  it('assigns at exactly the threshold, not below it', () => {
    const at = { ...CLEAR, classification: { ...ROAD, confidence: 0.9 } };
    expect(decideRouting(at).decision).toBe('auto_assigned');
    const below = { ...CLEAR, classification: { ...ROAD, confidence: 0.899 } };
    expect(decideRouting(below)).toEqual({ decision: 'screening', reasons: ['low_confidence'] });
  });

  it("assigns when the filer's category agrees with the model", () => {
    expect(decideRouting({ ...CLEAR, filedCategory: { code: 'road', sensitive: false } }).decision).toBe('auto_assigned');
  });

  it.each<[string, Partial<RoutingInput>, string]>([
    ['classification is off', { classification: undefined }, 'classification_off'],
    ['auto-assignment is off', { threshold: null }, 'auto_assign_off'],
    ['the model is not confident enough', { classification: { ...ROAD, confidence: 0.6 } }, 'low_confidence'],
    ['the label stands for no category', { classification: { ...ROAD, categoryCode: null } }, 'unmapped_label'],
    ["the filer's category disagrees with the model", { filedCategory: { code: 'lighting', sensitive: false } }, 'category_disagrees'],
    ["the model's category is sensitive", { classification: { ...ROAD, categorySensitive: true } }, 'sensitive_category'],
    ["the filer's category is sensitive", { filedCategory: { code: 'road', sensitive: true } }, 'sensitive_category'],
    ['the text has sensitive terms', { sensitiveTermsFound: true }, 'sensitive_terms'],
    ['no rule applies', { rules: [] }, 'no_rule'],
    ['two rules apply at the same level', { rules: [DISTRICT_RULE, { ...DISTRICT_RULE, id: 'rule-road-1039-mea', agency: MEA }] }, 'several_rules'],
    ['the rule is only a suggestion', { rules: [{ ...DISTRICT_RULE, automatic: false }] }, 'rule_not_automatic'],
    ['no area office serves the case under the rule', { rules: [{ ...DISTRICT_RULE, agency: null }] }, 'no_area_office'],
    ['the rule sends the case where it already is', { receivingAgencyId: WATTHANA.id }, 'rule_targets_receiver'],
    ['a possible duplicate waits for a person', { possibleDuplicates: 1 }, 'possible_duplicate'],
  ])('sends the case to screening when %s', (_label, change, reason) => {
    expect(decideRouting({ ...CLEAR, ...change })).toEqual({ decision: 'screening', reasons: [reason] });
  });

  it('gives every reason that holds, in the order of SCREENING_REASONS', () => {
    expect(
      reasonsOf({
        ...CLEAR,
        classification: { ...ROAD, confidence: 0.5 },
        sensitiveTermsFound: true,
        possibleDuplicates: 2,
      }),
    ).toEqual(['low_confidence', 'sensitive_terms', 'possible_duplicate']);
    expect(
      reasonsOf({
        ...CLEAR,
        classification: { label: 'ยาเสพติด', categoryCode: 'drugs', categorySensitive: true, confidence: 0.97 },
        filedCategory: { code: 'noise', sensitive: false },
        rules: [{ ...DISTRICT_RULE, automatic: false, agency: null }],
      }),
    ).toEqual(['category_disagrees', 'sensitive_category', 'rule_not_automatic', 'no_area_office']);
    expect(reasonsOf({ ...CLEAR, classification: undefined, threshold: null, rules: [] })).toEqual(['classification_off', 'auto_assign_off', 'no_rule']);
  });

  it('does not call a model "not confident" when auto-assignment is off', () => {
    expect(reasonsOf({ ...CLEAR, threshold: null, classification: { ...ROAD, confidence: 0.1 } })).toEqual(['auto_assign_off']);
  });

  it('gives classification_off alone when the model is off, even with a category the filer chose', () => {
    expect(reasonsOf({ ...CLEAR, classification: undefined, filedCategory: { code: 'road', sensitive: false } })).toEqual(['classification_off']);
  });

  it('applies a district rule over a province rule, whatever their order', () => {
    for (const rules of [
      [DISTRICT_RULE, PROVINCE_RULE],
      [PROVINCE_RULE, DISTRICT_RULE],
    ]) {
      expect(decideRouting({ ...CLEAR, rules })).toEqual({ decision: 'auto_assigned', rule: DISTRICT_RULE });
    }
  });

  it('looks only at the most specific level: an automatic province rule does not stand in for a manual district rule', () => {
    const manualDistrict = { ...DISTRICT_RULE, automatic: false };
    expect(reasonsOf({ ...CLEAR, rules: [manualDistrict, PROVINCE_RULE] })).toEqual(['rule_not_automatic']);
  });

  it('counts rules at the most specific level only: two province rules under one district rule are no conflict', () => {
    const otherProvinceRule = { ...PROVINCE_RULE, id: 'rule-road-10-mea', agency: MEA };
    expect(decideRouting({ ...CLEAR, rules: [DISTRICT_RULE, PROVINCE_RULE, otherProvinceRule] }).decision).toBe('auto_assigned');
    expect(reasonsOf({ ...CLEAR, rules: [PROVINCE_RULE, otherProvinceRule] })).toEqual(['several_rules']);
  });

  it('assigns if and only if there is no reason not to; reasons are distinct and in order (property)', () => {
    const rule = fc.record({
      id: fc.constantFrom('r1', 'r2', 'r3'),
      automatic: fc.boolean(),
      specificity: fc.constantFrom(0, 1, 2),
      agency: fc.constantFrom(null, WATTHANA, BMA_ROADS, { id: HUB, code: 'hub-1111', nameTh: 'ศูนย์บริการประชาชน 1111' }),
    });
    const input = fc.record({
      classification: fc.option(
        fc.record({
          label: fc.constant('ถนน'),
          categoryCode: fc.constantFrom(null, 'road', 'lighting'),
          categorySensitive: fc.boolean(),
          confidence: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        { nil: undefined },
      ),
      filedCategory: fc.option(fc.record({ code: fc.constantFrom('road', 'lighting'), sensitive: fc.boolean() }), { nil: undefined }),
      sensitiveTermsFound: fc.boolean(),
      rules: fc.array(rule, { maxLength: 4 }),
      receivingAgencyId: fc.constant(HUB),
      possibleDuplicates: fc.nat({ max: 3 }),
      threshold: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    });
    fc.assert(
      fc.property(input, (routing) => {
        const decision = decideRouting(routing);
        if (decision.decision === 'auto_assigned') {
          const c = routing.classification;
          return (
            c !== undefined &&
            routing.threshold !== null &&
            c.confidence >= routing.threshold &&
            !c.categorySensitive &&
            !routing.filedCategory?.sensitive &&
            decision.rule.automatic &&
            decision.rule.agency.id !== HUB &&
            routing.possibleDuplicates === 0 &&
            !routing.sensitiveTermsFound
          );
        }
        const order = decision.reasons.map((reason) => SCREENING_REASONS.indexOf(reason));
        return decision.reasons.length > 0 && order.every((index, i) => index >= 0 && (i === 0 || index > (order[i - 1] as number)));
      }),
    );
  });

  it('has a Thai label for every reason', () => {
    for (const reason of SCREENING_REASONS) expect(SCREENING_REASON_LABELS_TH[reason]).toMatch(/[\u0E00-\u0E7F]/);
  });
});

describe('mostSpecificRules', () => {
  it('keeps the rules of the most specific level present, in their order', () => {
    const anywhere = { id: 'anywhere', specificity: 0 };
    const province = { id: 'province', specificity: 1 };
    const districtA = { id: 'district-a', specificity: 2 };
    const districtB = { id: 'district-b', specificity: 2 };
    expect(mostSpecificRules([anywhere, districtA, province, districtB])).toEqual([districtA, districtB]);
    expect(mostSpecificRules([anywhere, province])).toEqual([province]);
    expect(mostSpecificRules([anywhere])).toEqual([anywhere]);
  });

  it('gives nothing for no rules', () => {
    expect(mostSpecificRules([])).toEqual([]);
  });
});

describe('rankSuggestions', () => {
  const rule = (agency: ApplicableRule['agency'], specificity: number, reasonTh = `กฎการส่งต่อ: ส่ง${agency?.nameTh ?? '-'}`) => ({
    id: `rule-${agency?.code ?? 'none'}-${specificity}`,
    automatic: true,
    specificity,
    agency,
    reasonTh,
  });
  const similar = (agency: { code: string; nameTh: string }, similarities: number[]): SimilarRouting => ({
    agencyCode: agency.code,
    agencyNameTh: agency.nameTh,
    similarities,
  });

  it('scores a rule by its specificity times the confidence in the category', () => {
    const suggestions = rankSuggestions({ rules: [rule(MEA, 0), rule(WATTHANA, 2), rule(BMA_ROADS, 1)], categoryConfidence: 0.8, similar: [] });
    expect(suggestions.map((s) => [s.agencyCode, s.score, s.source])).toEqual([
      ['bma-1039', 0.8, 'rule'],
      ['bma-roads', 0.72, 'rule'],
      ['mea', 0.64, 'rule'],
    ]);
    expect(suggestions[0]).toMatchObject({ agencyNameTh: 'สำนักงานเขตวัฒนา', reasonTh: 'กฎการส่งต่อ: ส่งสำนักงานเขตวัฒนา' });
    // A category the filer chose counts as certain.
    expect(rankSuggestions({ rules: [rule(WATTHANA, 2)], categoryConfidence: 1, similar: [] })[0]?.score).toBe(1);
  });

  it('skips a rule that resolved to no agency', () => {
    expect(rankSuggestions({ rules: [rule(null, 2)], categoryConfidence: 1, similar: [] })).toEqual([]);
  });

  it('scores similar past cases by their mean similarity, damped when they are few', () => {
    const one = rankSuggestions({ rules: [], categoryConfidence: 0, similar: [similar(MEA, [0.8])] });
    const four = rankSuggestions({ rules: [], categoryConfidence: 0, similar: [similar(MEA, [0.8, 0.8, 0.8, 0.8])] });
    // mean × share × n/(n+1): 0.8 × 1 × 1/2 and 0.8 × 1 × 4/5
    expect(one[0]?.score).toBe(0.4);
    expect(four[0]?.score).toBe(0.64);
    expect(four[0]).toMatchObject({ agencyCode: 'mea', source: 'similar_cases', reasonTh: 'เรื่องที่คล้ายกัน 4 เรื่องส่งให้หน่วยงานนี้ (ความคล้ายเฉลี่ย 80%)' });
  });

  it("weighs each agency's similar cases by its share of them all", () => {
    const suggestions = rankSuggestions({ rules: [], categoryConfidence: 0, similar: [similar(PWA, [0.6]), similar(MEA, [0.4, 0.8])] });
    // MEA: 0.6 × 2/3 × 2/3; PWA: 0.6 × 1/3 × 1/2
    expect(suggestions.map((s) => [s.agencyCode, s.score])).toEqual([
      ['mea', 0.267],
      ['pwa', 0.1],
    ]);
    expect(suggestions[0]?.reasonTh).toContain('ความคล้ายเฉลี่ย 60%');
  });

  it('ignores an agency with no similar cases', () => {
    expect(rankSuggestions({ rules: [], categoryConfidence: 0, similar: [similar(MEA, [])] })).toEqual([]);
  });

  it('merges a rule and similar cases naming the same agency: the higher score, both reasons', () => {
    const [merged, ...rest] = rankSuggestions({
      rules: [rule(WATTHANA, 2, 'กฎการส่งต่อ: เรื่องถนนในพื้นที่เขตวัฒนา ส่งสำนักงานเขตวัฒนา')],
      categoryConfidence: 0.5,
      similar: [similar(WATTHANA, [0.9, 0.9, 0.9])],
    });
    expect(rest).toEqual([]);
    // rule 1 × 0.5 = 0.5; similar cases 0.9 × 1 × 3/4 = 0.675
    expect(merged).toEqual({
      agencyCode: 'bma-1039',
      agencyNameTh: 'สำนักงานเขตวัฒนา',
      score: 0.675,
      source: 'similar_cases',
      reasonTh: 'กฎการส่งต่อ: เรื่องถนนในพื้นที่เขตวัฒนา ส่งสำนักงานเขตวัฒนา; เรื่องที่คล้ายกัน 3 เรื่องส่งให้หน่วยงานนี้ (ความคล้ายเฉลี่ย 90%)',
    });
  });

  it('keeps the rule as the source when it scores higher', () => {
    const [merged] = rankSuggestions({ rules: [rule(WATTHANA, 2)], categoryConfidence: 1, similar: [similar(WATTHANA, [0.9])] });
    expect(merged).toMatchObject({ score: 1, source: 'rule' });
    expect(merged?.reasonTh).toContain('เรื่องที่คล้ายกัน 1 เรื่อง');
  });

  it(`keeps the top ${SUGGESTION_COUNT}, best first, ties by agency code`, () => {
    const suggestions = rankSuggestions({
      rules: [rule(MEA, 0), rule(WATTHANA, 2), rule(BMA_ROADS, 1)],
      categoryConfidence: 0.9,
      similar: [similar(PWA, [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]), similar({ code: 'aaa-low', nameTh: 'หน่วยงานทดสอบ' }, [0.3])],
    });
    expect(SUGGESTION_COUNT).toBe(3);
    // WATTHANA 1 × 0.9; BMA_ROADS 0.9 × 0.9; PWA 0.9 × 9/10 × 9/10; MEA 0.8 × 0.9 = 0.72; aaa-low 0.3 × 1/10 × 1/2
    expect(suggestions.map((s) => [s.agencyCode, s.score])).toEqual([
      ['bma-1039', 0.9],
      ['bma-roads', 0.81],
      ['pwa', 0.729],
    ]);
    const tied = rankSuggestions({ rules: [rule(BMA_ROADS, 1), rule(WATTHANA, 1)], categoryConfidence: 1, similar: [] });
    expect(tied.map((s) => s.agencyCode)).toEqual(['bma-1039', 'bma-roads']);
  });

  it('gives nothing without rules or similar cases', () => {
    expect(rankSuggestions({ rules: [], categoryConfidence: 1, similar: [] })).toEqual([]);
  });
});

describe('a category chosen by staff recording the complaint', () => {
  const rule = { id: 'r1', automatic: true, specificity: 1, agency: { id: 'a-pho', code: 'pho-66', nameTh: 'สำนักงานสาธารณสุขจังหวัดพิจิตร' } };
  const base = {
    classification: { label: 'ถนน', categoryCode: 'road', categorySensitive: false, confidence: 0.3 },
    sensitiveTermsFound: false,
    rules: [rule],
    receivingAgencyId: 'a-hub',
    possibleDuplicates: 0,
    threshold: 0.9,
  };

  it('stands without the model: a person decided it, so neither confidence nor agreement is asked', () => {
    expect(decideRouting({ ...base, filedCategory: { code: 'health-service', sensitive: false, byStaff: true } })).toEqual({ decision: 'auto_assigned', rule });
    expect(decideRouting({ ...base, classification: undefined, filedCategory: { code: 'health-service', sensitive: false, byStaff: true } }).decision).toBe('auto_assigned');
  });

  it('from a citizen still needs the model to agree with enough confidence', () => {
    expect(decideRouting({ ...base, filedCategory: { code: 'health-service', sensitive: false } })).toEqual({
      decision: 'screening',
      reasons: ['low_confidence', 'category_disagrees'],
    });
  });

  it('never lifts the sensitive, rule, duplicate or switch-off checks', () => {
    const byStaff = (code: string, sensitive = false) => ({ code, sensitive, byStaff: true });
    expect(decideRouting({ ...base, filedCategory: byStaff('drugs', true) })).toEqual({ decision: 'screening', reasons: ['sensitive_category'] });
    expect(decideRouting({ ...base, filedCategory: byStaff('health-service'), sensitiveTermsFound: true })).toEqual({ decision: 'screening', reasons: ['sensitive_terms'] });
    expect(decideRouting({ ...base, filedCategory: byStaff('health-service'), possibleDuplicates: 1 })).toEqual({ decision: 'screening', reasons: ['possible_duplicate'] });
    expect(decideRouting({ ...base, filedCategory: byStaff('health-service'), rules: [] })).toEqual({ decision: 'screening', reasons: ['no_rule'] });
    expect(decideRouting({ ...base, filedCategory: byStaff('health-service'), threshold: null })).toEqual({ decision: 'screening', reasons: ['auto_assign_off'] });
  });
});
