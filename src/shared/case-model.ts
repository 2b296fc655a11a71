/**
 * The case vocabulary shared by server and web: statuses, channels, roles, results, with
 * their Thai labels.
 */

export const CASE_STATUSES = [
  'received', // รับเรื่อง
  'screening', // กลั่นกรอง
  'assigned', // ส่งหน่วยงาน
  'in_progress', // กำลังดำเนินการ
  'awaiting_info', // รอข้อมูลเพิ่มเติมจากผู้ร้อง
  'resolved', // ดำเนินการแล้ว (รอผู้ร้องยืนยัน)
  'closed', // ยุติเรื่อง
  'rejected', // ไม่รับเรื่อง
  'merged', // รวมกับเรื่องอื่น
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which nothing more is expected of an agency. */
export const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'rejected', 'merged'];
/** Statuses in which the deadline is running or paused: the backlog. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['received', 'screening', 'assigned', 'in_progress', 'awaiting_info'];

export const CASE_STATUS_LABELS_TH: Record<CaseStatus, string> = {
  received: 'รับเรื่องแล้ว',
  screening: 'อยู่ระหว่างกลั่นกรอง',
  assigned: 'ส่งเรื่องให้หน่วยงานแล้ว',
  in_progress: 'อยู่ระหว่างดำเนินการ',
  awaiting_info: 'รอข้อมูลเพิ่มเติมจากผู้ร้อง',
  resolved: 'ดำเนินการแล้ว',
  closed: 'ยุติเรื่องแล้ว',
  rejected: 'ไม่รับไว้พิจารณา',
  merged: 'รวมกับเรื่องอื่นแล้ว',
};

export const CHANNELS = [
  'web',
  'mobile_app',
  'line',
  'facebook',
  'email',
  'hotline', // สายด่วน 1111
  'counter', // ยื่นที่เคาน์เตอร์
  'post', // ไปรษณีย์
  'suggestion_box', // ตู้รับความคิดเห็น
  'partner', // ระบบของหน่วยงานภาคี
  'open311_app', // แอปพลิเคชันภายนอก: another app filing through Open311 GeoReport v2
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels a citizen may name when filing through the public API. */
export const PUBLIC_CHANNELS = ['web', 'mobile_app'] as const satisfies readonly Channel[];

export const ROLES = [
  'intake_officer', // เจ้าหน้าที่รับเรื่อง
  'case_officer', // ผู้รับผิดชอบเรื่อง
  'supervisor', // หัวหน้างาน
  'cceo', // ผู้บริหารระดับสูงด้านการจัดการเรื่องร้องเรียน (CCEO)
  'agency_admin', // ผู้ดูแลระบบของหน่วยงาน
  'system_admin', // ผู้ดูแลระบบ
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS_TH: Record<Role, string> = {
  intake_officer: 'เจ้าหน้าที่รับเรื่อง',
  case_officer: 'ผู้รับผิดชอบเรื่อง',
  supervisor: 'หัวหน้างาน',
  cceo: 'ผู้บริหารระดับสูงด้านการจัดการเรื่องร้องเรียน (CCEO)',
  agency_admin: 'ผู้ดูแลระบบของหน่วยงาน',
  system_admin: 'ผู้ดูแลระบบ',
};

/** ผลการดำเนินการ: how a case was resolved. */
export const RESOLUTION_RESULTS = [
  'fixed', // แก้ไขปัญหาแล้ว
  'explained', // ชี้แจงข้อเท็จจริงแล้ว
  'partially_fixed', // แก้ไขได้บางส่วน
  'not_substantiated', // ตรวจสอบแล้วไม่พบมูล
  'outside_jurisdiction', // อยู่นอกอำนาจหน้าที่
  'no_response', // ผู้ร้องไม่ได้ให้ข้อมูลเพิ่มเติมตามที่ขอ
  'other', // อื่น ๆ
] as const;
export type ResolutionResult = (typeof RESOLUTION_RESULTS)[number];

export const RESOLUTION_RESULT_LABELS_TH: Record<ResolutionResult, string> = {
  fixed: 'แก้ไขปัญหาแล้ว',
  explained: 'ชี้แจงข้อเท็จจริงแล้ว',
  partially_fixed: 'แก้ไขได้บางส่วน',
  not_substantiated: 'ตรวจสอบแล้วไม่พบมูล',
  outside_jurisdiction: 'อยู่นอกอำนาจหน้าที่',
  no_response: 'ผู้ร้องไม่ได้ให้ข้อมูลเพิ่มเติมตามที่ขอ',
  other: 'อื่น ๆ',
};

/** Staff actions on a case, as in POST /api/v1/cases/{id}/actions/{action}. */
export const CASE_ACTIONS = [
  'screen',
  'assign',
  'accept',
  'return',
  'forward',
  'note',
  'reply',
  'request-info',
  'resolve',
  'close',
  'reopen',
  'reject',
  'merge',
  'contact',
  'extend',
  // เร่งรัด: an agency that sent the case on presses the holder (followers only).
  'follow-up',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * Actions that take files (ไฟล์แนบ) with their message: a reply or a request for information
 * (the citizen sees the files) and an internal note (the files stay inside the agencies).
 */
export const ACTIONS_WITH_FILES = ['note', 'reply', 'request-info'] as const satisfies readonly CaseAction[];
export type ActionWithFiles = (typeof ACTIONS_WITH_FILES)[number];

/** Whether `action` takes files. */
export function takesFiles(action: CaseAction): action is ActionWithFiles {
  return (ACTIONS_WITH_FILES as readonly CaseAction[]).includes(action);
}

export const CASE_ACTION_LABELS_TH: Record<CaseAction, string> = {
  screen: 'กลั่นกรอง',
  assign: 'ส่งเรื่องให้หน่วยงาน',
  accept: 'รับเรื่อง',
  return: 'ส่งเรื่องคืน',
  forward: 'ส่งต่อ',
  note: 'บันทึกภายใน',
  reply: 'ตอบผู้ร้อง',
  'request-info': 'ขอข้อมูลเพิ่มเติม',
  resolve: 'แจ้งผลการดำเนินการ',
  close: 'ยุติเรื่อง',
  reopen: 'เปิดเรื่องใหม่',
  reject: 'ไม่รับเรื่อง',
  merge: 'รวมเรื่อง',
  contact: 'บันทึกการติดต่อ',
  extend: 'ขยายระยะเวลาดำเนินการ',
  'follow-up': 'เร่งรัด',
};


/** SLA state of a case (สถานะกรอบเวลา): on track, due soon, overdue, paused (awaiting the citizen), met or missed once finished. */
export const SLA_STATES = ['on_track', 'due_soon', 'overdue', 'paused', 'met', 'missed'] as const;
export type SlaState = (typeof SLA_STATES)[number];
