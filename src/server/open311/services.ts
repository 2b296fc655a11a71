/**
 * Open311 services are our categories (ประเภทเรื่อง): GET services lists the active ones, and
 * each has the same definition — the attributes a complaint of ours takes besides what the
 * specification names (a title, confidentiality, the province and district by code). Pure.
 */
import type { Category } from '../../shared/api/reference.ts';

/** A category as a service: its code, names, parent and search words. */
export type ServiceCategory = Category;

/** The attributes of every service definition, by their codes (`attribute[confidential]=true`). */
export const ATTRIBUTE_CODES = { title: 'title', confidential: 'confidential', province: 'province_code', district: 'district_code' } as const;

/** GET services: one service per category, grouped under its parent's name. */
export function presentServices(categories: readonly ServiceCategory[]) {
  const names = new Map(categories.map((category) => [category.code, category.nameTh]));
  return categories.map((category) => ({
    service_code: category.code,
    service_name: category.nameTh,
    description: category.sensitive ? `${category.nameEn} — เรื่องอ่อนไหว: ระบบปกปิดชื่อผู้ร้องเสมอ` : category.nameEn,
    metadata: true,
    type: 'realtime',
    keywords: category.aliases.length ? category.aliases.join(',') : null,
    group: category.parentCode ? (names.get(category.parentCode) ?? null) : null,
  }));
}

/** GET services/{service_code}: the attributes, in the order an app should ask them. */
export function presentServiceDefinition(category: ServiceCategory) {
  const text = (code: string, order: number, description: string, datatypeDescription: string | null) => ({
    variable: true,
    code,
    datatype: 'string',
    required: false,
    datatype_description: datatypeDescription,
    order,
    description,
    values: [],
  });
  return {
    service_code: category.code,
    attributes: [
      text(ATTRIBUTE_CODES.title, 1, 'หัวข้อเรื่องโดยย่อ (ไม่บังคับ)', 'ไม่เกิน 200 ตัวอักษร'),
      {
        variable: true,
        code: ATTRIBUTE_CODES.confidential,
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 2,
        description: category.sensitive ? 'เรื่องประเภทนี้ปกปิดชื่อผู้ร้องเสมอ' : 'ขอให้หน่วยงานปกปิดชื่อผู้ร้องหรือไม่',
        values: [
          { key: 'true', name: 'ขอให้ปกปิดชื่อผู้ร้อง' },
          { key: 'false', name: 'ไม่ต้องปกปิด' },
        ],
      },
      text(ATTRIBUTE_CODES.province, 3, 'รหัสจังหวัดที่เกิดเหตุ', 'รหัสจังหวัด 2 หลัก เช่น 66 (พิจิตร)'),
      text(ATTRIBUTE_CODES.district, 4, 'รหัสอำเภอที่เกิดเหตุ', 'รหัสอำเภอ 4 หลัก เช่น 6604 (ตะพานหิน)'),
    ],
  };
}
