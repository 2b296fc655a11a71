/**
 * The triage API: routing rules (กฎการส่งต่อ), the screening queue (คัดกรอง), a case's triage
 * and clusters of similar complaints.
 */
import { z } from 'zod';
import { CASE_STATUSES } from '../case-model.ts';
import { SCREENING_REASONS } from '../staff-work.ts';
import { CaseListItemSchema } from './cases.ts';
import { calendarDate, pageLimit, pageOf, trimmedText, type ListQuery } from './fields.ts';

/** Where a rule sends a case: the agency itself, or the office below it serving the case's province or district. */
export const RULE_TARGETS = ['agency', 'province_office', 'district_office'] as const;
export type RuleTarget = (typeof RULE_TARGETS)[number];

const code = trimmedText(1, 64);

export const RuleSchema = z.object({
  id: z.string(),
  categoryCode: z.string(),
  areaCode: z.string().nullable(),
  agencyCode: z.string(),
  agencyNameTh: z.string(),
  target: z.enum(RULE_TARGETS),
  automatic: z.boolean(),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export type RoutingRule = z.output<typeof RuleSchema>;

/** GET /api/v1/routing-rules */
export const RuleListQuerySchema = z
  .object({ categoryCode: code.optional(), areaCode: code.optional(), agencyCode: code.optional(), cursor: z.string().max(300).optional(), limit: pageLimit(500, 100) })
  .strict();
export type RoutingRuleQuery = ListQuery<typeof RuleListQuerySchema>;

export const RuleListSchema = pageOf(RuleSchema);

/** POST /api/v1/routing-rules, PUT /api/v1/routing-rules/{id}: the area is a province (2 digits) or district (4 digits) code, null for everywhere. */
export const RuleBodySchema = z
  .object({
    categoryCode: code,
    areaCode: z.string().regex(/^\d{2}(\d{2})?$/, 'a province (2 digits) or district (4 digits) code').nullable().default(null),
    agencyCode: code,
    target: z.enum(RULE_TARGETS).default('agency'),
    automatic: z.boolean().default(true),
    note: trimmedText(1, 500).nullable().default(null),
  })
  .strict();
export type RoutingRuleBody = z.input<typeof RuleBodySchema>;

export const SuggestionSchema = z.object({
  agencyCode: z.string(),
  agencyNameTh: z.string(),
  score: z.number(),
  source: z.enum(['rule', 'similar_cases']),
  reasonTh: z.string(),
});

/** How triage saw a case: the classifier's proposal, its reasons and the suggested agencies. */
export const TriageSchema = z.object({
  modelVersion: z.string().nullable().describe('The classifier version that made this proposal'),
  predictedLabel: z.string().nullable(),
  predictedCategoryCode: z.string().nullable(),
  confidence: z.number().nullable(),
  topWords: z.array(z.object({ word: z.string(), weight: z.number() })).describe('The words that weighed most: the reason shown to staff'),
  sensitiveTerms: z.array(z.object({ categoryCode: z.string(), term: z.string() })),
  decision: z.enum(['auto_assigned', 'screening']),
  reasons: z.array(z.object({ code: z.enum(SCREENING_REASONS), messageTh: z.string() })),
  suggestions: z.array(SuggestionSchema),
  proposedAgencyCode: z.string().nullable(),
  decidedAt: z.string(),
});
export type Triage = z.output<typeof TriageSchema>;

export const DuplicateSchema = z.object({
  caseId: z.string(),
  trackingCode: z.string(),
  status: z.enum(CASE_STATUSES),
  reason: z.enum(['same_complainant', 'similar_text']),
  similarity: z.number(),
});
export type PossibleDuplicate = z.output<typeof DuplicateSchema>;

/** GET /api/v1/screening */
export const ScreeningQuerySchema = z.object({ cursor: z.string().max(200).optional(), limit: pageLimit(100, 25) }).strict();

export const ScreeningItemSchema = CaseListItemSchema.extend({ triage: TriageSchema.nullable(), possibleDuplicates: z.array(DuplicateSchema) });
export type ScreeningItem = z.output<typeof ScreeningItemSchema>;

export const ScreeningPageSchema = pageOf(ScreeningItemSchema);
export type ScreeningPage = z.output<typeof ScreeningPageSchema>;

/** GET /api/v1/cases/{id}/triage */
export const CaseTriageSchema = z.object({ triage: TriageSchema.nullable(), possibleDuplicates: z.array(DuplicateSchema) });
export type CaseTriage = z.output<typeof CaseTriageSchema>;

/** GET /api/v1/clusters */
export const ClusterQuerySchema = z
  .object({
    from: calendarDate(),
    to: calendarDate(),
    provinceCode: z.string().regex(/^\d{2}$/, 'a 2-digit province code').optional(),
    cursor: z.string().max(100).optional(),
    limit: pageLimit(200, 50),
  })
  .strict();
export type ClusterQuery = z.output<typeof ClusterQuerySchema>;

export const ClusterSchema = z.object({
  id: z.string().describe("The cluster's earliest case"),
  provinceCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  categoryCode: z.string().nullable(),
  size: z.number(),
  firstReceivedAt: z.string(),
  lastReceivedAt: z.string(),
  topTerms: z.array(z.string()),
  cases: z.array(z.object({ id: z.string(), trackingCode: z.string(), receivedAt: z.string() })),
});

export const ClusterPageSchema = z.object({ from: z.string(), to: z.string(), casesConsidered: z.number(), total: z.number(), items: z.array(ClusterSchema), nextCursor: z.string().nullable() });
export type ClusterPage = z.output<typeof ClusterPageSchema>;
