/**
 * The complaint categories Rongthuk ships with: a two-level tree. `aliases` are the tags of
 * the Bangkok Traffy Fondue data each category stands for, so a model trained on those tags
 * surfaces its predictions as these categories. Sensitive categories are never routed
 * automatically and keep the complainant confidential by default.
 */
export interface CategorySeed {
  code: string;
  parentCode: string | null;
  nameTh: string;
  nameEn: string;
  sensitive?: boolean;
  aliases?: string[];
}

export const CATEGORY_SEED: readonly CategorySeed[] = [
  { code: 'infrastructure', parentCode: null, nameTh: 'โครงสร้างพื้นฐานและสาธารณูปโภค', nameEn: 'Infrastructure and utilities' },
  { code: 'road', parentCode: 'infrastructure', nameTh: 'ถนนชำรุด', nameEn: 'Roads', aliases: ['ถนน'] },
  { code: 'sidewalk', parentCode: 'infrastructure', nameTh: 'ทางเท้า', nameEn: 'Sidewalks', aliases: ['ทางเท้า'] },
  { code: 'bridge', parentCode: 'infrastructure', nameTh: 'สะพาน', nameEn: 'Bridges', aliases: ['สะพาน'] },
  { code: 'lighting', parentCode: 'infrastructure', nameTh: 'ไฟฟ้าส่องสว่าง', nameEn: 'Street lighting', aliases: ['แสงสว่าง'] },
  { code: 'power-lines', parentCode: 'infrastructure', nameTh: 'สายไฟและสายสื่อสาร', nameEn: 'Power and cable lines', aliases: ['สายไฟ'] },
  { code: 'drainage', parentCode: 'infrastructure', nameTh: 'ท่อระบายน้ำ', nameEn: 'Drains and sewers', aliases: ['ท่อระบายน้ำ'] },
  { code: 'signs', parentCode: 'infrastructure', nameTh: 'ป้ายและป้ายจราจร', nameEn: 'Signs and traffic signs', aliases: ['ป้าย', 'ป้ายจราจร'] },
  { code: 'public-toilet', parentCode: 'infrastructure', nameTh: 'ห้องน้ำสาธารณะ', nameEn: 'Public toilets', aliases: ['ห้องน้ำ'] },
  { code: 'environment', parentCode: null, nameTh: 'สิ่งแวดล้อมและความสะอาด', nameEn: 'Environment and cleanliness' },
  { code: 'flood', parentCode: 'environment', nameTh: 'น้ำท่วม', nameEn: 'Flooding', aliases: ['น้ำท่วม'] },
  { code: 'waste', parentCode: 'environment', nameTh: 'ขยะและความสะอาด', nameEn: 'Waste and cleanliness', aliases: ['ความสะอาด'] },
  { code: 'canal', parentCode: 'environment', nameTh: 'คลองและแหล่งน้ำ', nameEn: 'Canals and waterways', aliases: ['คลอง'] },
  { code: 'trees', parentCode: 'environment', nameTh: 'ต้นไม้', nameEn: 'Trees', aliases: ['ต้นไม้'] },
  { code: 'noise', parentCode: 'environment', nameTh: 'เสียงรบกวน', nameEn: 'Noise', aliases: ['เสียงรบกวน'] },
  { code: 'air-pollution', parentCode: 'environment', nameTh: 'ฝุ่นและมลพิษทางอากาศ', nameEn: 'Dust and air pollution', aliases: ['PM2.5'] },
  { code: 'stray-animals', parentCode: 'environment', nameTh: 'สัตว์จรจัด', nameEn: 'Stray animals', aliases: ['สัตว์จรจัด'] },
  { code: 'public-order', parentCode: null, nameTh: 'ความเป็นระเบียบและความปลอดภัย', nameEn: 'Public order and safety' },
  { code: 'obstruction', parentCode: 'public-order', nameTh: 'สิ่งกีดขวางและการรุกล้ำที่สาธารณะ', nameEn: 'Obstructions and encroachment', aliases: ['กีดขวาง'] },
  { code: 'traffic', parentCode: 'public-order', nameTh: 'การจราจร', nameEn: 'Traffic', aliases: ['จราจร'] },
  { code: 'public-transport', parentCode: 'public-order', nameTh: 'การเดินทางและขนส่งสาธารณะ', nameEn: 'Travel and public transport', aliases: ['การเดินทาง'] },
  { code: 'safety', parentCode: 'public-order', nameTh: 'ความปลอดภัยในที่สาธารณะ', nameEn: 'Public safety', aliases: ['ความปลอดภัย'] },
  { code: 'homeless', parentCode: 'public-order', nameTh: 'คนไร้บ้านและคนเร่ร่อน', nameEn: 'Homeless people', aliases: ['คนจรจัด'] },
  { code: 'threat-to-safety', parentCode: 'public-order', nameTh: 'การข่มขู่คุกคามความปลอดภัย', nameEn: 'Threats to personal safety', sensitive: true },
  { code: 'drugs', parentCode: 'public-order', nameTh: 'ยาเสพติด', nameEn: 'Drugs', sensitive: true },
  { code: 'health', parentCode: null, nameTh: 'สาธารณสุข', nameEn: 'Public health' },
  { code: 'health-service', parentCode: 'health', nameTh: 'การให้บริการด้านสุขภาพ', nameEn: 'Health services' },
  { code: 'governance', parentCode: null, nameTh: 'การบริหารราชการและเจ้าหน้าที่รัฐ', nameEn: 'Government and officials' },
  { code: 'official-conduct', parentCode: 'governance', nameTh: 'การปฏิบัติหน้าที่ของเจ้าหน้าที่', nameEn: 'Conduct of officials', aliases: ['ร้องเรียน'] },
  { code: 'corruption', parentCode: 'governance', nameTh: 'การทุจริตและประพฤติมิชอบ', nameEn: 'Corruption and misconduct', sensitive: true },
  { code: 'sexual-harassment', parentCode: 'governance', nameTh: 'การล่วงละเมิดหรือคุกคามทางเพศ', nameEn: 'Sexual harassment', sensitive: true },
  { code: 'general', parentCode: null, nameTh: 'เรื่องทั่วไป', nameEn: 'General' },
  { code: 'suggestion', parentCode: 'general', nameTh: 'ข้อเสนอแนะ', nameEn: 'Suggestions', aliases: ['เสนอแนะ'] },
  { code: 'enquiry', parentCode: 'general', nameTh: 'สอบถามข้อมูล', nameEn: 'Enquiries', aliases: ['สอบถาม'] },
  { code: 'other', parentCode: 'general', nameTh: 'อื่น ๆ', nameEn: 'Other' },
];
