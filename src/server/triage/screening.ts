/**
 * What triage shows people: the screening queue (cases waiting for a person at the user's
 * agency, with the model's proposal, the suggestions and possible duplicates), a case's
 * triage, and clusters of similar complaints by area and week.
 */
import type { CaseTriage, ClusterPage, PossibleDuplicate, ScreeningPage, Triage } from '../../shared/api/triage.ts';
import { bangkokDate } from '../../shared/business-days.ts';
import { clusterSimilar, type ClusterItem } from '../../shared/similarity.ts';
import { can } from '../agencies/policy/case.ts';
import { canScreenCases, canViewCases } from '../agencies/policy/staff.ts';
import { caseFactsFor, relationTo, subtreePattern, type CaseHolding } from '../agencies/scope.ts';
import type { AuthUser } from '../agencies/sessions.ts';
import { decodeCursor, encodeCursor } from '../cases/list-cursor.ts';
import { listCases } from '../cases/list-queries.ts';
import { presentListItem } from '../cases/presenter.ts';
import { findCase, findCaseInScope } from '../cases/queries.ts';
import type { AppContext } from '../platform/context.ts';
import { forbidden, invalidInput, noCaseWork, notFound } from '../platform/errors.ts';
import { listClusterSources } from './cluster-queries.ts';
import { findDuplicateLinks, type LinkedDuplicate } from './duplicate-queries.ts';
import { findTriage, findTriages, type TriageRecord } from './triage-record-queries.ts';
import { SCREENING_REASON_LABELS_TH } from './routing-policy.ts';

/** Cluster members are at least this similar to one another (estimated Jaccard of word shingles). */
export const CLUSTER_SIMILARITY = 0.35;
/** Similar complaints in one area within this many days of each other form a cluster. */
export const CLUSTER_WINDOW_DAYS = 7;
/** The longest period one clusters request covers. */
export const CLUSTER_MAX_DAYS = 92;
/** Cases listed with each cluster (the count covers them all). */
const CLUSTER_SAMPLE = 20;

export function presentTriage(triage: TriageRecord): Triage {
  return {
    modelVersion: triage.modelVersion,
    predictedLabel: triage.predictedLabel,
    predictedCategoryCode: triage.predictedCategoryCode,
    confidence: triage.confidence,
    topWords: triage.topWords,
    sensitiveTerms: triage.sensitiveTerms,
    decision: triage.decision,
    reasons: triage.reasons.map((code) => ({ code, messageTh: SCREENING_REASON_LABELS_TH[code] })),
    suggestions: triage.suggestions,
    proposedAgencyCode: triage.proposedAgencyCode,
    decidedAt: triage.decidedAt.toISOString(),
  };
}

/**
 * The possible duplicates the user may see (a case outside their scope does not exist for
 * them). "Same complainant" says who filed the other case: it is told only to a user who may
 * see the complainant of both (`own` is the case's holding); to others the link is a possible
 * duplicate by its text, so a confidential complainant is not tied to their other cases.
 */
function visibleDuplicates(user: AuthUser, links: readonly LinkedDuplicate[], caseId: string, own: CaseHolding | undefined): PossibleDuplicate[] {
  return links
    .filter((link) => link.caseId === caseId)
    .filter((link) => relationTo(user, otherHolding(link)) !== 'outside')
    .map((link) => ({
      caseId: link.otherCaseId,
      trackingCode: link.otherTrackingCode,
      status: link.otherStatus,
      reason: link.reason === 'same_complainant' && !maySeeSameComplainant(user, own, link) ? ('similar_text' as const) : link.reason,
      similarity: link.similarity,
    }));
}

function otherHolding(link: LinkedDuplicate): CaseHolding {
  return { holderAgencyId: link.otherHolderAgencyId, holderAgencyPath: link.otherHolderPath, receivingAgencyId: link.otherReceivingAgencyId, confidential: link.otherConfidential };
}

function maySeeSameComplainant(user: AuthUser, own: CaseHolding | undefined, link: LinkedDuplicate): boolean {
  return own !== undefined && can(user, 'view_identity', caseFactsFor(user, own)) && can(user, 'view_identity', caseFactsFor(user, otherHolding(link)));
}

/** The holdings of the cases with a same-complainant link (few), which the list rows do not carry. */
async function holdingsOfSameComplainantCases(ctx: AppContext, links: readonly LinkedDuplicate[]): Promise<Map<string, CaseHolding>> {
  const ids = [...new Set(links.filter((link) => link.reason === 'same_complainant').map((link) => link.caseId))];
  const records = await Promise.all(ids.map((id) => findCase(ctx.db, id)));
  return new Map(records.filter((record) => record !== undefined).map((record) => [record.id, record]));
}

export async function listScreeningQueue(ctx: AppContext, user: AuthUser, query: { cursor?: string | undefined; limit: number }): Promise<ScreeningPage> {
  if (!canScreenCases(user)) throw forbidden('Only intake officers and supervisors work the screening queue', 'เฉพาะเจ้าหน้าที่รับเรื่องและผู้บังคับบัญชาเท่านั้นที่ทำงานในคิวคัดกรอง');
  const now = ctx.now();
  const rows = await listCases(ctx.db, {
    scopePattern: subtreePattern(user.agencyPath),
    holderAgencyId: user.agencyId,
    statuses: ['received', 'screening'],
    oldestFirst: true,
    today: bangkokDate(now),
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const ids = page.map((row) => row.id);
  const [triages, links] = await Promise.all([findTriages(ctx.db, ids), findDuplicateLinks(ctx.db, ids)]);
  const holdings = await holdingsOfSameComplainantCases(ctx, links);
  const last = page.at(-1);
  return {
    items: page.map((row) => {
      const triage = triages.get(row.id);
      return { ...presentListItem(row, now), triage: triage ? presentTriage(triage) : null, possibleDuplicates: visibleDuplicates(user, links, row.id, holdings.get(row.id)) };
    }),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

export async function showCaseTriage(ctx: AppContext, user: AuthUser, caseId: string): Promise<CaseTriage> {
  const record = await findCaseInScope(ctx.db, user, caseId);
  if (!record || !canViewCases(user)) throw notFound('Case', 'เรื่อง');
  const [triage, links] = await Promise.all([findTriage(ctx.db, caseId), findDuplicateLinks(ctx.db, [caseId])]);
  return { triage: triage ? presentTriage(triage) : null, possibleDuplicates: visibleDuplicates(user, links, caseId, record) };
}

/** A date means that whole day in Bangkok. */
function bangkokDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+07:00`);
}

export interface ClusterQuery {
  from: string;
  to: string;
  provinceCode?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/**
 * กลุ่มเรื่องร้องเรียน: similar complaints in one area (district, else province) within a week
 * of each other, among the cases the user's agency and those below it hold, received from
 * `from` to `to` (Bangkok days, both included). Largest first; offset pages.
 */
export async function listClusters(ctx: AppContext, user: AuthUser, query: ClusterQuery): Promise<ClusterPage> {
  if (!canViewCases(user)) throw noCaseWork();
  const from = bangkokDayStart(query.from);
  const to = new Date(bangkokDayStart(query.to).getTime() + 86_400_000);
  if (to <= from) throw invalidInput([{ field: 'query.to', message: 'must not be before from', messageTh: 'ต้องไม่ก่อนวันเริ่มต้น' }]);
  if (to.getTime() - from.getTime() > CLUSTER_MAX_DAYS * 86_400_000) {
    throw invalidInput([{ field: 'query.to', message: `the period may be at most ${CLUSTER_MAX_DAYS} days`, messageTh: `ช่วงเวลาต้องไม่เกิน ${CLUSTER_MAX_DAYS} วัน` }]);
  }
  const offset = query.cursor ? decodeOffset(query.cursor) : 0;
  const sources = await listClusterSources(ctx.db, { agencyPathPattern: subtreePattern(user.agencyPath), from, to, provinceCode: query.provinceCode });
  const byId = new Map(sources.map((source) => [source.id, source]));
  const items: ClusterItem[] = sources.map((source) => ({
    id: source.id,
    area: source.districtCode ?? source.provinceCode ?? '-',
    at: source.receivedAt,
    signature: source.signature,
  }));
  const clusters = clusterSimilar(items, { windowDays: CLUSTER_WINDOW_DAYS, threshold: CLUSTER_SIMILARITY });
  const page = clusters.slice(offset, offset + query.limit);
  return {
    from: query.from,
    to: query.to,
    casesConsidered: sources.length,
    total: clusters.length,
    items: page.map((members) => {
      const cases = members.map((member) => byId.get(member.id)).filter((source) => source !== undefined);
      const first = cases[0];
      const lastCase = cases.at(-1);
      return {
        id: first?.id ?? '',
        provinceCode: first?.provinceCode ?? null,
        districtCode: first?.districtCode ?? null,
        categoryCode: mostCommon(cases.map((source) => source.categoryCode)),
        size: cases.length,
        firstReceivedAt: first?.receivedAt.toISOString() ?? '',
        lastReceivedAt: lastCase?.receivedAt.toISOString() ?? '',
        topTerms: topTerms(cases.map((source) => source.searchTerms)),
        cases: cases.slice(0, CLUSTER_SAMPLE).map((source) => ({ id: source.id, trackingCode: source.trackingCode, receivedAt: source.receivedAt.toISOString() })),
      };
    }),
    nextCursor: offset + query.limit < clusters.length ? encodeOffset(offset + query.limit) : null,
  };
}

function mostCommon(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  for (const [value, count] of counts) if (best === null || count > (counts.get(best) ?? 0) || (count === counts.get(best) && value < best)) best = value;
  return best;
}

/** The words most of the cluster's cases share (from the redacted search terms), at most five. */
function topTerms(termLists: readonly string[][]): string[] {
  const counts = new Map<string, number>();
  for (const terms of termLists) for (const term of new Set(terms)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return [...counts]
    .filter(([term]) => term.length > 1 && !/^\d+$/.test(term))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 5)
    .map(([term]) => term);
}

function encodeOffset(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeOffset(text: string): number {
  const match = /^o:(\d{1,7})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match) throw invalidInput([{ field: 'query.cursor', message: 'not a cursor from a previous page', messageTh: 'ไม่พบหน้าถัดไปของรายการนี้ กรุณาเริ่มใหม่จากหน้าแรก' }]);
  return Number(match[1]);
}
