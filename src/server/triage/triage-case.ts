/**
 * คัดกรองเบื้องต้น: triage of a new case, inside the intake transaction. The classifier
 * proposes a category (with its confidence, the words that weighed most and its version),
 * routing rules and similar past cases propose agencies, possible duplicates are linked, and
 * the routing policy decides: assign by rule, or leave the case to a person in the screening
 * queue. Everything it saw and decided is kept with the case (case_triage) and in an internal
 * event, so a decision can be explained later. Triage only decides: intake applies an
 * assignment by rule (cases/commands/hand-over.ts), so triage never reaches into the commands.
 */
import { FINAL_STATUSES } from '../../shared/case-model.ts';
import { DUPLICATE_SIMILARITY, estimateSimilarity } from '../../shared/similarity.ts';
import { appendCaseEvent, type CaseRecord } from '../cases/queries.ts';
import type { AppContext } from '../platform/context.ts';
import type { Queryable } from '../platform/database.ts';
import { predict } from './classifier.ts';
import { triageModelOf } from './model-store.ts';
import { findBandCandidates, findSameComplainantCases, insertDuplicateLinks, type CandidateCase, type DuplicateLink } from './duplicate-queries.ts';
import { findAreaOffice, findRulesFor, type MatchedRule } from './rule-queries.ts';
import { categoriesByAlias, insertTriage } from './triage-record-queries.ts';
import { decideRouting, rankSuggestions, type ApplicableRule, type Classification, type SimilarRouting } from './routing-policy.ts';
import { sensitiveByTermsNoteTh, type SensitiveMatch } from './sensitive-terms.ts';

/** Past cases this similar or more count as "similar" for routing suggestions. */
const SIMILAR_FOR_ROUTING = 0.3;
/** The same complainant writing again about something this similar is a possible duplicate. */
const SAME_COMPLAINANT_SIMILARITY = 0.25;
/** How far back similar past cases inform routing suggestions. */
const ROUTING_HISTORY_DAYS = 365;
const DAY_MS = 86_400_000;
/** How sure a category named by a sensitive term in the text is taken to be, for ranking suggestions. */
const SENSITIVE_TERM_CONFIDENCE = 0.8;

export interface TriageInput {
  record: CaseRecord;
  /** The case's redacted title and description: what the model and duplicate search read. */
  text: string;
  /** The sensitive terms intake found in `text` (they made the case sensitive). */
  sensitiveTerms: SensitiveMatch[];
  bands: number[];
  signature: number[] | null;
  /** The category given at intake, as intake checked it. */
  filedCategory: { code: string; sensitive: boolean } | undefined;
  /** Staff recorded the complaint (their category choice is a person's decision). */
  recordedByStaff: boolean;
  now: Date;
}

/** Where a routing rule sends a new case, with what triage knew when it decided. */
export interface RuleAssignment {
  agencyId: string;
  /** The category the rule was found for, set on the case where it differs. */
  categoryCode: string | null;
  ruleId: string;
  modelVersion: string | null;
  confidence: number | null;
}

/** Triage's decision: a person screens the case, or it is assigned by a rule (for intake to apply). */
export type TriageOutcome = { decision: 'screening' } | { decision: 'auto_assigned'; assignment: RuleAssignment };

/** What triage found and decided, before anything is written. */
export interface TriagePlan {
  input: TriageInput;
  classification: Awaited<ReturnType<typeof classify>>;
  duplicates: DuplicateLink[];
  categoryCode: string | null;
  decision: ReturnType<typeof decideRouting>;
  suggestions: ReturnType<typeof rankSuggestions>;
}

/**
 * Triage of a new case, in two steps: `planTriage` reads (classification, similar cases, rules)
 * and decides; `applyTriage` writes. Intake plans before it appends to the audit chain, so the
 * chain's head row is not held locked while triage reads.
 */
export async function planTriage(tx: Queryable, ctx: AppContext, input: TriageInput): Promise<TriagePlan> {
  const { record, now } = input;
  const classification = await classify(tx, ctx, input.text);
  const filed = input.filedCategory;
  const sensitiveTerms = input.sensitiveTerms;

  const { candidates, duplicates } = await lookUpSimilarCases(tx, {
    caseId: record.id,
    bands: input.bands,
    signature: input.signature,
    complainantId: record.anonymous ? null : record.complainantId,
    districtCode: record.districtCode,
    now,
    windowDays: ctx.config.duplicateWindowDays,
  });

  // The category rules are looked up for: the filer's; else a sensitive one named in the text
  // (the model has never seen those); else the model's.
  const categoryCode = filed?.code ?? sensitiveTerms[0]?.categoryCode ?? classification?.categoryCode ?? null;
  const rules = categoryCode ? await resolveRules(tx, record, await findRulesFor(tx, { categoryCode, provinceCode: record.provinceCode, districtCode: record.districtCode })) : [];
  const decision = decideRouting({
    classification,
    filedCategory: filed ? { code: filed.code, sensitive: filed.sensitive, byStaff: input.recordedByStaff } : undefined,
    sensitiveTermsFound: sensitiveTerms.length > 0,
    rules,
    receivingAgencyId: record.receivingAgencyId,
    possibleDuplicates: duplicates.length,
    threshold: ctx.config.autoAssignConfidence,
  });
  const suggestions = rankSuggestions({
    rules,
    // A category the filer chose is taken as given; one from the model is as sure as the model.
    categoryConfidence: filed ? 1 : sensitiveTerms.length ? SENSITIVE_TERM_CONFIDENCE : (classification?.confidence ?? 0),
    similar: similarRoutings(input, candidates),
  });
  return { input, classification, duplicates, categoryCode, decision, suggestions };
}

/** Writes what triage found and decided (the triage record, duplicate links, the `triaged` event) and returns the decision. */
export async function applyTriage(tx: Queryable, ctx: AppContext, plan: TriagePlan): Promise<TriageOutcome> {
  const { input, classification, duplicates, categoryCode, decision, suggestions } = plan;
  const { record, now, sensitiveTerms } = input;
  const proposedAgencyCode = decision.decision === 'auto_assigned' ? decision.rule.agency.code : (suggestions[0]?.agencyCode ?? null);

  await insertTriage(tx, {
    caseId: record.id,
    modelVersion: classification?.version ?? null,
    predictedLabel: classification?.label ?? null,
    predictedCategoryCode: classification?.categoryCode ?? null,
    confidence: classification?.confidence ?? null,
    topWords: classification?.topWords ?? [],
    sensitiveTerms,
    suggestions,
    proposedAgencyCode,
    decision: decision.decision,
    reasons: decision.decision === 'screening' ? decision.reasons : [],
    ruleId: decision.decision === 'auto_assigned' ? decision.rule.id : null,
    decidedAt: now,
  });
  await insertDuplicateLinks(tx, record.id, duplicates, now);
  await appendCaseEvent(tx, {
    caseId: record.id,
    at: now,
    type: 'triaged',
    visibility: 'internal',
    actorUserId: null,
    actorAgencyId: record.receivingAgencyId,
    statusBefore: record.status,
    statusAfter: record.status,
    payload: {
      modelVersion: classification?.version ?? null,
      predictedCategoryCode: classification?.categoryCode ?? null,
      confidence: classification?.confidence ?? null,
      decision: decision.decision,
      ...(decision.decision === 'screening' ? { reasons: decision.reasons } : { ruleId: decision.rule.id }),
      possibleDuplicates: duplicates.length,
      ...(sensitiveTerms.length ? { sensitiveTerms: sensitiveTerms.map((match) => match.term) } : {}),
      // Why a case filed under no sensitive category is sensitive, for staff (the timeline shows the note).
      ...(sensitiveTerms.length && !input.filedCategory?.sensitive ? { sensitiveBy: 'terms', note: sensitiveByTermsNoteTh(sensitiveTerms) } : {}),
    },
  });
  if (decision.decision === 'screening') return { decision: 'screening' };
  return {
    decision: 'auto_assigned',
    assignment: {
      agencyId: decision.rule.agency.id,
      categoryCode,
      ruleId: decision.rule.id,
      modelVersion: classification?.version ?? null,
      confidence: classification?.confidence ?? null,
    },
  };
}

async function classify(
  tx: Queryable,
  ctx: AppContext,
  text: string,
): Promise<(Classification & { version: string; topWords: { word: string; weight: number }[] }) | undefined> {
  const model = await triageModelOf(ctx.config);
  if (!model) return undefined;
  const prediction = predict(model, text);
  const category = (await categoriesByAlias(tx)).get(prediction.label);
  return {
    label: prediction.label,
    categoryCode: category?.code ?? null,
    categorySensitive: category?.sensitive ?? false,
    confidence: prediction.confidence,
    version: prediction.version,
    topWords: prediction.topWords,
  };
}

export interface SimilarCaseQuery {
  caseId: string;
  bands: number[];
  signature: number[] | null;
  /** The complainant whose other cases count as possible duplicates; null for anonymous. */
  complainantId: string | null;
  districtCode: string | null;
  now: Date;
  windowDays: number;
}

/**
 * Past cases like a new one: those sharing an LSH band over the last year (for routing
 * suggestions), and among them the possible duplicates — open cases within the window that are
 * likely the same matter: similar text in the same area (bands are scoped by province; where
 * both name a district it must be the same), or the same complainant writing about something
 * alike. What intake runs, and what bench/duplicate-lookup measures.
 */
export async function lookUpSimilarCases(db: Queryable, query: SimilarCaseQuery): Promise<{ candidates: CandidateCase[]; duplicates: DuplicateLink[] }> {
  const candidates = await findBandCandidates(db, query.caseId, query.bands, new Date(query.now.getTime() - ROUTING_HISTORY_DAYS * DAY_MS));
  const since = query.now.getTime() - query.windowDays * DAY_MS;
  // A closed, rejected or merged case is settled: the same complaint again is a new matter.
  const open = (c: CandidateCase): boolean => c.receivedAt.getTime() >= since && !FINAL_STATUSES.includes(c.status);
  const similarity = (c: CandidateCase): number => (query.signature ? estimateSimilarity(query.signature, c.signature) : 0);
  const links = new Map<string, DuplicateLink>();
  if (query.complainantId) {
    const own = await findSameComplainantCases(db, query.caseId, query.complainantId, new Date(since));
    for (const c of own.filter(open)) {
      const s = similarity(c);
      if (s >= SAME_COMPLAINANT_SIMILARITY) links.set(c.id, { otherCaseId: c.id, reason: 'same_complainant', similarity: s });
    }
  }
  for (const c of candidates.filter(open)) {
    if (links.has(c.id)) continue;
    if (query.districtCode && c.districtCode && c.districtCode !== query.districtCode) continue;
    const s = similarity(c);
    if (s >= DUPLICATE_SIMILARITY) links.set(c.id, { otherCaseId: c.id, reason: 'similar_text', similarity: s });
  }
  return { candidates, duplicates: [...links.values()] };
}

/** Where similar past cases went: those handed on from where they were received, by holder. */
function similarRoutings(input: TriageInput, candidates: CandidateCase[]): SimilarRouting[] {
  if (!input.signature) return [];
  const byAgency = new Map<string, SimilarRouting>();
  for (const c of candidates) {
    if (c.holderAgencyId === c.receivingAgencyId || c.status === 'rejected' || c.status === 'merged') continue;
    const s = estimateSimilarity(input.signature, c.signature);
    if (s < SIMILAR_FOR_ROUTING) continue;
    const entry = byAgency.get(c.holderCode) ?? { agencyCode: c.holderCode, agencyNameTh: c.holderNameTh, similarities: [] };
    entry.similarities.push(s);
    byAgency.set(c.holderCode, entry);
  }
  return [...byAgency.values()];
}

/** Each rule with the agency it sends this case to (the area office for area targets). */
async function resolveRules(tx: Queryable, record: CaseRecord, rules: MatchedRule[]): Promise<(ApplicableRule & { reasonTh: string })[]> {
  const resolved: (ApplicableRule & { reasonTh: string })[] = [];
  for (const rule of rules) {
    let agency: ApplicableRule['agency'] = null;
    if (rule.target === 'agency') agency = rule.ruleAgency;
    else {
      const area = rule.target === 'province_office' ? record.provinceCode : record.districtCode;
      agency = area ? ((await findAreaOffice(tx, rule.ruleAgency, area)) ?? null) : null;
    }
    const where = rule.areaNameTh ? ` ในพื้นที่${rule.areaNameTh}` : '';
    const to = agency ? agency.nameTh : `หน่วยงานในพื้นที่ภายใต้${rule.ruleAgency.nameTh}`;
    resolved.push({
      id: rule.id,
      automatic: rule.automatic,
      specificity: rule.specificity,
      agency: agency && { id: agency.id, code: agency.code, nameTh: agency.nameTh },
      reasonTh: `กฎการส่งต่อ: เรื่อง${rule.categoryNameTh}${where} ส่ง${to}${rule.automatic ? '' : ' (ให้เจ้าหน้าที่พิจารณาเสมอ)'}`,
    });
  }
  return resolved;
}
