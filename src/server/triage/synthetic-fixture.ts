/**
 * A small synthetic Thai complaint dataset for tests: four categories, 20 rows each, made by
 * combining each category's own phrases with shared places and times (written for Rongthuk).
 */
import type { TrainingRow } from './classifier.ts';

const PLACES = ['หน้าโรงเรียน', 'ซอยลาดพร้าว', 'ตลาดบางกะปิ', 'ถนนพระราม', 'หมู่บ้านสุขใจ'];
const TIMES = ['ตั้งแต่เมื่อวาน', 'มาหลายสัปดาห์แล้ว', 'ทุกคืน', 'ช่วงเช้า'];

export const CATEGORY_PHRASES: Record<string, string[]> = {
  ถนน: ['ถนนเป็นหลุมเป็นบ่อ', 'ผิวถนนแตกร้าว', 'หลุมบนถนนลึกมาก', 'ยางมะตอยหลุดล่อน'],
  น้ำท่วม: ['น้ำท่วมขังสูง', 'ฝนตกแล้วน้ำท่วม', 'น้ำท่วมบ้านเรือน', 'น้ำขังไม่ระบาย'],
  แสงสว่าง: ['ไฟฟ้าส่องสว่างดับ', 'เสาไฟไม่ติด', 'หลอดไฟดับมืดมาก', 'โคมไฟเสีย'],
  ความสะอาด: ['ขยะล้นถังส่งกลิ่นเหม็น', 'ไม่มีใครเก็บขยะ', 'ทิ้งขยะเกลื่อน', 'กองขยะส่งกลิ่น'],
};

/** 20 rows per category, deterministic. */
export function syntheticRows(perCategory = 20): TrainingRow[] {
  const rows: TrainingRow[] = [];
  for (const [label, phrases] of Object.entries(CATEGORY_PHRASES)) {
    for (let i = 0; i < perCategory; i++) {
      const phrase = phrases[i % phrases.length] as string;
      const other = phrases[(i + 1) % phrases.length] as string;
      const place = PLACES[i % PLACES.length] as string;
      const time = TIMES[(i * 3) % TIMES.length] as string;
      rows.push({ text: i % 2 === 0 ? `${phrase} ${place} ${time} ช่วยแก้ไขด้วย` : `แจ้งปัญหา ${place} ${phrase} ${other} ${time}`, label });
    }
  }
  return rows;
}
