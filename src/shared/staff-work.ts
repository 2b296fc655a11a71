/**
 * Staff work that server and web both need to know: the names of the pages of the console and
 * the administration (which of them each role works in is the server's policy,
 * agencies/policy/staff.ts, sent to the web app with the signed-in user), and why a case waits
 * for a person (คัดกรอง: screening), as codes with their Thai labels.
 */

/**
 * The staff pages, in menu order: the inbox, the screening queue, intake of a complaint, the
 * executive's dashboard (แดชบอร์ดผู้บริหาร), the periodic complaint reports (รายงานผลการดำเนินงาน
 * เรื่องร้องเรียน), and the administration.
 */
export const STAFF_PAGES = ['inbox', 'screening', 'intake', 'dashboard', 'reports', 'admin'] as const;
export type StaffPage = (typeof STAFF_PAGES)[number];

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
