/**
 * Which complaints are about integrity (ความโปร่งใส): the ITA asks for complaints about
 * corruption and misconduct of officials (เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ) apart from
 * those about service. The one place that decides it, by category (src/server/seed/categories.ts):
 * a case of no category, or of any other, is about service.
 */
import type { IntegrityKind } from '../../shared/api/reports.ts';

const INTEGRITY_BY_CATEGORY: Readonly<Record<string, Exclude<IntegrityKind, 'service'>>> = {
  // การทุจริตและประพฤติมิชอบ
  corruption: 'corruption',
  // การปฏิบัติหน้าที่ของเจ้าหน้าที่: conduct of officials
  'official-conduct': 'misconduct',
  // การล่วงละเมิดหรือคุกคามทางเพศ (by officials, in the governance branch)
  'sexual-harassment': 'misconduct',
};

/** The integrity kind of a case by its category code. */
export function integrityKindOf(categoryCode: string | null): IntegrityKind {
  return (categoryCode !== null && INTEGRITY_BY_CATEGORY[categoryCode]) || 'service';
}
