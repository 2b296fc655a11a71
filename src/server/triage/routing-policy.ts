/**
 * The routing policy: when a new case may be assigned without a person, and what to suggest
 * to the person otherwise. Pure; the inputs are gathered by the triage use case.
 *
 * Auto-assign only when every one of these holds: classification is on and confident enough,
 * the filer's category (if any) agrees with the model — or staff recording the complaint chose
 * the category themselves —, neither category is sensitive and no
 * sensitive term is in the text, exactly one automatic rule applies and it sends the case
 * elsewhere than where it is, and no possible duplicate is waiting for a person to look.
 */

import type { ScreeningReason } from '../../shared/staff-work.ts';

// The reason codes and their Thai labels live in shared code, for the staff console to show too.
export { SCREENING_REASON_LABELS_TH, SCREENING_REASONS, type ScreeningReason } from '../../shared/staff-work.ts';

export interface Classification {
  label: string;
  /** The Rongthuk category the label stands for (its alias), if any. */
  categoryCode: string | null;
  categorySensitive: boolean;
  confidence: number;
}

/** A rule that applies to the case, with the agency it resolved to (null: none serves the area). */
export interface ApplicableRule {
  id: string;
  automatic: boolean;
  /** 2: district, 1: province, 0: anywhere. */
  specificity: number;
  agency: { id: string; code: string; nameTh: string } | null;
}

export interface RoutingInput {
  /** undefined: classification is off. */
  classification: Classification | undefined;
  /**
   * The category given at intake. Chosen by staff recording the complaint (`byStaff`), it is a
   * person's decision and stands without the model; chosen by a citizen, the model must agree.
   */
  filedCategory: { code: string; sensitive: boolean; byStaff?: boolean } | undefined;
  sensitiveTermsFound: boolean;
  /** The rules for the case's category and area, most specific first. */
  rules: readonly ApplicableRule[];
  receivingAgencyId: string;
  possibleDuplicates: number;
  /** null: auto-assignment is off. */
  threshold: number | null;
}

export type RoutingDecision =
  | { decision: 'auto_assigned'; rule: ApplicableRule & { agency: NonNullable<ApplicableRule['agency']> } }
  | { decision: 'screening'; reasons: ScreeningReason[] };

/** The rules that apply: those of the most specific level present. */
export function mostSpecificRules<R extends { specificity: number }>(rules: readonly R[]): R[] {
  const top = Math.max(...rules.map((rule) => rule.specificity));
  return rules.filter((rule) => rule.specificity === top);
}

export function decideRouting(input: RoutingInput): RoutingDecision {
  const reasons: ScreeningReason[] = [];
  const c = input.classification;
  const decidedByStaff = input.filedCategory?.byStaff === true;
  if (!c && !decidedByStaff) reasons.push('classification_off');
  if (input.threshold === null) reasons.push('auto_assign_off');
  if (!decidedByStaff) {
    if (c && input.threshold !== null && c.confidence < input.threshold) reasons.push('low_confidence');
    if (c && !c.categoryCode) reasons.push('unmapped_label');
    if (c?.categoryCode && input.filedCategory && input.filedCategory.code !== c.categoryCode) reasons.push('category_disagrees');
  }
  if (input.filedCategory?.sensitive || c?.categorySensitive) reasons.push('sensitive_category');
  if (input.sensitiveTermsFound) reasons.push('sensitive_terms');
  const applicable = input.rules.length ? mostSpecificRules(input.rules) : [];
  if (applicable.length === 0) reasons.push('no_rule');
  else if (applicable.length > 1) reasons.push('several_rules');
  const rule = applicable.length === 1 ? applicable[0] : undefined;
  if (rule && !rule.automatic) reasons.push('rule_not_automatic');
  if (rule && !rule.agency) reasons.push('no_area_office');
  if (rule?.agency && rule.agency.id === input.receivingAgencyId) reasons.push('rule_targets_receiver');
  if (input.possibleDuplicates > 0) reasons.push('possible_duplicate');
  if (reasons.length === 0 && rule?.agency) return { decision: 'auto_assigned', rule: { ...rule, agency: rule.agency } };
  return { decision: 'screening', reasons };
}

/** A suggested agency, as shown to the person screening. */
export interface Suggestion {
  agencyCode: string;
  agencyNameTh: string;
  /** 0–1: how strongly the evidence points to this agency. */
  score: number;
  source: 'rule' | 'similar_cases';
  /** Why, in Thai: the rule, or how many similar cases went there. */
  reasonTh: string;
}

export interface SimilarRouting {
  agencyCode: string;
  agencyNameTh: string;
  /** Estimated text similarity of each past case that went to this agency. */
  similarities: number[];
}

/** How many suggestions a person sees. */
export const SUGGESTION_COUNT = 3;

/**
 * Rules and similar past cases, merged by agency and ranked. A rule scores by its specificity
 * (district 1, province 0.9, anywhere 0.8) times the classifier's confidence when the category
 * came from the model; past cases score by their mean similarity, damped when few. An agency
 * named by both keeps the higher score and both reasons.
 */
export function rankSuggestions(input: {
  rules: readonly (ApplicableRule & { reasonTh: string })[];
  categoryConfidence: number;
  similar: readonly SimilarRouting[];
}): Suggestion[] {
  const byAgency = new Map<string, Suggestion>();
  const offer = (s: Suggestion): void => {
    const known = byAgency.get(s.agencyCode);
    if (!known) byAgency.set(s.agencyCode, s);
    else byAgency.set(s.agencyCode, { ...(s.score > known.score ? s : known), reasonTh: `${known.reasonTh}; ${s.reasonTh}` });
  };
  for (const rule of input.rules) {
    if (!rule.agency) continue;
    const weight = rule.specificity === 2 ? 1 : rule.specificity === 1 ? 0.9 : 0.8;
    offer({
      agencyCode: rule.agency.code,
      agencyNameTh: rule.agency.nameTh,
      score: round3(weight * input.categoryConfidence),
      source: 'rule',
      reasonTh: rule.reasonTh,
    });
  }
  const total = input.similar.reduce((sum, s) => sum + s.similarities.length, 0);
  for (const s of input.similar) {
    const n = s.similarities.length;
    if (n === 0) continue;
    const mean = s.similarities.reduce((sum, x) => sum + x, 0) / n;
    // Share of the similar cases that went here, and trust growing with their number.
    const score = mean * (n / total) * (n / (n + 1));
    offer({
      agencyCode: s.agencyCode,
      agencyNameTh: s.agencyNameTh,
      score: round3(score),
      source: 'similar_cases',
      reasonTh: `เรื่องที่คล้ายกัน ${n} เรื่องส่งให้หน่วยงานนี้ (ความคล้ายเฉลี่ย ${Math.round(mean * 100)}%)`,
    });
  }
  return [...byAgency.values()]
    .sort((a, b) => b.score - a.score || (a.agencyCode < b.agencyCode ? -1 : 1))
    .slice(0, SUGGESTION_COUNT);
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
