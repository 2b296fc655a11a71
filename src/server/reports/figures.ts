/**
 * The figures of a report shaped from the counts its queries give (figure-queries.ts), and the
 * public form of them. Pure: every rule of what a row is and what the public may see is here.
 */
import type { PublicCount, PublicReportFigures, ReportFigures } from '../../shared/api/reports.ts';
import { CASE_STATUS_LABELS_TH, CASE_STATUSES, CHANNELS, RESOLUTION_RESULT_LABELS_TH, RESOLUTION_RESULTS, type CaseStatus, type Channel, type ResolutionResult, type SlaState } from '../../shared/case-model.ts';
import { integrityKindOf } from './integrity.ts';

/** How a channel kind is named in a report where a case named none of the agency's channels. */
export const CHANNEL_KIND_LABELS_TH: Record<Channel, string> = {
  web: 'เว็บไซต์',
  mobile_app: 'แอปพลิเคชัน',
  line: 'LINE',
  facebook: 'Facebook',
  email: 'อีเมล',
  hotline: 'โทรศัพท์',
  counter: 'ยื่นด้วยตนเอง',
  post: 'ไปรษณีย์',
  suggestion_box: 'ตู้รับความคิดเห็น',
  partner: 'ระบบของหน่วยงานภาคี',
  open311_app: 'แอปพลิเคชันภายนอก (Open311)',
};

/** A channel the agency lists (agency_channels). */
export interface OfferedChannel {
  id: string;
  kind: Channel;
  labelTh: string;
}

/** The counts the queries give for the cases an agency received in a period. */
export interface FigureCounts {
  /** The agency's channels: the active ones, and inactive ones that took a case in the period; in their order. */
  channels: readonly OfferedChannel[];
  byChannel: ReadonlyArray<{ channelId: string | null; kind: Channel; count: number }>;
  byCategory: ReadonlyArray<{ code: string | null; nameTh: string | null; count: number }>;
  byResult: ReadonlyArray<{ result: ResolutionResult | null; count: number }>;
  byStatusAtEnd: ReadonlyArray<{ status: CaseStatus; count: number }>;
  /** The SLA state of each case on the last day of the period. */
  bySlaState: ReadonlyArray<{ state: SlaState; count: number }>;
  satisfaction: { responses: number; total: number };
}

const NO_CATEGORY_TH = 'ไม่ระบุประเภท';
const NO_RESULT_TH = 'ยังไม่มีผลการดำเนินการ';
/** Every result, then none yet. */
const RESULT_ROWS: ReadonlyArray<ResolutionResult | null> = [...RESOLUTION_RESULTS, null];

/** Larger counts first, then as listed. */
const byCountDescending = <T extends { count: number }>(rows: T[]): T[] => rows.map((row, index) => ({ row, index })).sort((a, b) => b.row.count - a.row.count || a.index - b.index).map(({ row }) => row);

/** Shapes the counts into a report's figures. */
export function shapeFigures(counts: FigureCounts): ReportFigures {
  const received = counts.byStatusAtEnd.reduce((sum, row) => sum + row.count, 0);
  const integrity = { corruption: 0, misconduct: 0, service: 0 };
  for (const row of counts.byCategory) integrity[integrityKindOf(row.code)] += row.count;
  const sla = { met: 0, missed: 0, openWithinTime: 0, openOverdue: 0 };
  for (const { state, count } of counts.bySlaState) {
    if (state === 'met') sla.met += count;
    else if (state === 'missed') sla.missed += count;
    else if (state === 'overdue') sla.openOverdue += count;
    else sla.openWithinTime += count;
  }
  const { responses, total } = counts.satisfaction;
  return {
    received,
    byChannel: channelRows(counts),
    byCategory: byCountDescending(counts.byCategory.map(({ code, nameTh, count }) => ({ code, nameTh: nameTh ?? NO_CATEGORY_TH, count }))),
    byResult: RESULT_ROWS.map((result) => ({
      result,
      labelTh: result === null ? NO_RESULT_TH : RESOLUTION_RESULT_LABELS_TH[result],
      count: countOf(counts.byResult, (row) => row.result === result),
    })).filter((row) => row.count > 0),
    byStatusAtEnd: CASE_STATUSES.map((status) => ({ status, labelTh: CASE_STATUS_LABELS_TH[status], count: countOf(counts.byStatusAtEnd, (row) => row.status === status) })).filter((row) => row.count > 0),
    integrity,
    sla,
    satisfaction: { responses, average: responses === 0 ? null : Math.round((total / responses) * 100) / 100 },
  };
}

function countOf<T extends { count: number }>(rows: readonly T[], match: (row: T) => boolean): number {
  return rows.filter(match).reduce((sum, row) => sum + row.count, 0);
}

/** Every channel the agency lists, zero rows too, then a row per kind for the cases that named none of them. */
function channelRows(counts: FigureCounts): ReportFigures['byChannel'] {
  const listed = counts.channels.map((channel) => ({
    channelId: channel.id,
    kind: channel.kind,
    labelTh: channel.labelTh,
    count: countOf(counts.byChannel, (row) => row.channelId === channel.id),
  }));
  const listedIds = new Set(counts.channels.map((channel) => channel.id));
  const unnamed = new Map<Channel, number>();
  // A case naming a channel not in the list (another agency's, by a hand-over) counts under its kind; kinds in the vocabulary's order.
  for (const row of counts.byChannel) if (row.channelId === null || !listedIds.has(row.channelId)) unnamed.set(row.kind, (unnamed.get(row.kind) ?? 0) + row.count);
  const byKind = CHANNELS.filter((kind) => (unnamed.get(kind) ?? 0) > 0).map((kind) => ({ channelId: null, kind, labelTh: CHANNEL_KIND_LABELS_TH[kind], count: unnamed.get(kind) ?? 0 }));
  return [...listed, ...byKind];
}

/** The smallest count shown as it is in a public breakdown; fewer (but none) show as "<5". */
export const PUBLIC_MIN_COUNT = 5;

/** A count as the public sees it in a breakdown finer than the agency: 0 stays 0 (it singles no one out), 1–4 is "<5". */
export function publicCount(count: number): PublicCount {
  return count > 0 && count < PUBLIC_MIN_COUNT ? '<5' : count;
}

/** The figures for anyone: the total exact, every breakdown with small counts hidden, no channel ids. */
export function publicFigures(figures: ReportFigures): PublicReportFigures {
  const hide = <T extends { count: number }>(rows: readonly T[]) => rows.map((row) => ({ ...row, count: publicCount(row.count) }));
  const { satisfaction, integrity, sla } = figures;
  return {
    received: figures.received,
    byChannel: figures.byChannel.map(({ kind, labelTh, count }) => ({ kind, labelTh, count: publicCount(count) })),
    byCategory: hide(figures.byCategory),
    byResult: hide(figures.byResult),
    byStatusAtEnd: hide(figures.byStatusAtEnd),
    integrity: { corruption: publicCount(integrity.corruption), misconduct: publicCount(integrity.misconduct), service: publicCount(integrity.service) },
    sla: { met: publicCount(sla.met), missed: publicCount(sla.missed), openWithinTime: publicCount(sla.openWithinTime), openOverdue: publicCount(sla.openOverdue) },
    satisfaction: { responses: publicCount(satisfaction.responses), average: satisfaction.responses >= PUBLIC_MIN_COUNT ? satisfaction.average : null },
  };
}
