/**
 * Staff work that server and web both need to know: which pages of the console and the
 * administration each role works in (the server's policy enforces the same predicates, the
 * menus offer only those pages, and each role lands on its own first page), and why a case
 * waits for a person (คัดกรอง: screening), as codes with their Thai labels.
 */
import type { Role } from './case-model.ts';

/** The staff pages: the inbox, the screening queue, intake of a complaint, and the administration. */
export const STAFF_PAGES = ['inbox', 'screening', 'intake', 'admin'] as const;
export type StaffPage = (typeof STAFF_PAGES)[number];

/**
 * The pages of each role, its first page first (where it lands after sign-in). Intake officers
 * (ศูนย์รับเรื่อง) start on what waits to be screened; officers, supervisors and executives on
 * their agency's cases; administrators manage agencies and settings, not complaints (PDPA: no
 * need to know), so they see no case page at all.
 */
const PAGES_BY_ROLE: Record<Role, readonly StaffPage[]> = {
  intake_officer: ['screening', 'inbox', 'intake'],
  case_officer: ['inbox', 'intake'],
  supervisor: ['inbox', 'screening', 'intake'],
  cceo: ['inbox'],
  agency_admin: ['admin'],
  system_admin: ['admin'],
};

/** The pages `actor` may use, in menu order. */
export function pagesOf(actor: { role: Role }): StaffPage[] {
  return STAFF_PAGES.filter((page) => PAGES_BY_ROLE[actor.role].includes(page));
}

/** Where `actor` lands after sign-in and on /staff. */
export function homePageOf(actor: { role: Role }): StaffPage {
  return PAGES_BY_ROLE[actor.role][0] ?? 'inbox';
}

function works(actor: { role: Role }, page: StaffPage): boolean {
  return PAGES_BY_ROLE[actor.role].includes(page);
}

/** Roles that work on cases at all: see case lists, open cases, save filters. */
export function canViewCases(actor: { role: Role }): boolean {
  return works(actor, 'inbox');
}

/** ผู้คัดกรอง: who works the screening queue. */
export function canScreenCases(actor: { role: Role }): boolean {
  return works(actor, 'screening');
}

/** Roles that may record new cases taken by phone, at the counter, by post or from a box. */
export function canRecordIntake(actor: { role: Role }): boolean {
  return works(actor, 'intake');
}

/** Roles that open the administration (each administrator within their agencies, see the policy). */
export function canAdminister(actor: { role: Role }): boolean {
  return works(actor, 'admin');
}

/** Why a case waits for a person (codes; Thai in {@link SCREENING_REASON_LABELS_TH}). */
export const SCREENING_REASONS = [
  'classification_off',
  'auto_assign_off',
  'low_confidence',
  'unmapped_label',
  'category_disagrees',
  'sensitive_category',
  'sensitive_terms',
  'no_rule',
  'several_rules',
  'rule_not_automatic',
  'no_area_office',
  'rule_targets_receiver',
  'possible_duplicate',
] as const;
export type ScreeningReason = (typeof SCREENING_REASONS)[number];

export const SCREENING_REASON_LABELS_TH: Record<ScreeningReason, string> = {
  classification_off: 'ไม่ได้เปิดใช้การจำแนกประเภทอัตโนมัติ',
  auto_assign_off: 'ไม่ได้เปิดใช้การส่งเรื่องอัตโนมัติ',
  low_confidence: 'ระบบจำแนกประเภทไม่มั่นใจพอ',
  unmapped_label: 'ประเภทที่ระบบจำแนกไม่ตรงกับหมวดเรื่องใด',
  category_disagrees: 'ประเภทที่ผู้ร้องเลือกไม่ตรงกับที่ระบบจำแนก',
  sensitive_category: 'เป็นเรื่องอ่อนไหว ต้องให้เจ้าหน้าที่พิจารณา',
  sensitive_terms: 'พบถ้อยคำเกี่ยวกับเรื่องอ่อนไหว (เช่น ยาเสพติด ทุจริต) จึงถือเป็นเรื่องอ่อนไหวและปกปิดตัวตนผู้ร้อง',
  no_rule: 'ไม่มีกฎการส่งต่อสำหรับประเภทและพื้นที่นี้',
  several_rules: 'มีกฎการส่งต่อมากกว่าหนึ่งข้อ',
  rule_not_automatic: 'กฎการส่งต่อกำหนดให้เจ้าหน้าที่พิจารณาเสมอ',
  no_area_office: 'ไม่พบหน่วยงานในพื้นที่ตามกฎการส่งต่อ',
  rule_targets_receiver: 'กฎการส่งต่อชี้มายังหน่วยงานที่รับเรื่องเอง',
  possible_duplicate: 'อาจซ้ำกับเรื่องที่มีอยู่แล้ว',
};
