/**
 * Realistic, varied public complaints for the intake benchmark: Thai descriptions of road,
 * flood, waste and lighting problems in Bangkok (province 10, districts 1001–1050), some
 * filed with a name and phone number, some anonymous, some with neither. Deterministic for
 * a given seed, so two runs send the same traffic.
 */

export const BENCH_CATEGORIES = ['road', 'flood', 'waste', 'lighting'] as const;
export type BenchCategory = (typeof BENCH_CATEGORIES)[number];

/** Bangkok and its 50 districts (เขต), codes 1001–1050. */
export const BANGKOK_PROVINCE_CODE = '10';
export const BANGKOK_DISTRICT_CODES: readonly string[] = Array.from({ length: 50 }, (_, index) => String(1001 + index));

/** The body of POST /api/v1/public/complaints as the benchmark sends it. */
export interface PublicComplaintBody {
  description: string;
  title?: string;
  categoryCode: BenchCategory;
  channel: 'web' | 'mobile_app';
  location: { provinceCode: string; districtCode: string; address?: string; lat?: number; lon?: number };
  complainant?: { name: string; phone: string };
  anonymous?: boolean;
  confidential?: boolean;
}

const PROBLEMS: Record<BenchCategory, readonly string[]> = {
  road: [
    'ถนนหน้าปากซอยเป็นหลุมลึกหลายจุด ฝนตกแล้วน้ำขังจนมองไม่เห็นหลุม รถจักรยานยนต์ล้มไปแล้วสองคันในสัปดาห์นี้',
    'ผิวถนนทรุดตัวเป็นแนวยาวประมาณ 20 เมตร ใกล้ป้ายรถเมล์ รถยนต์ต้องหักหลบเข้าเลนข้าง อันตรายมากตอนกลางคืน',
    'ฝาท่อบนถนนยุบต่ำกว่าผิวถนน รถวิ่งผ่านแล้วมีเสียงดังทั้งคืน และเคยมีรถยางแตกมาแล้ว',
    'มีการขุดถนนเพื่อวางท่อประปาแต่กลบไม่เรียบร้อย ทิ้งเนินดินและหินไว้เกือบเดือนแล้ว ไม่มีป้ายเตือนหรือไฟกะพริบ',
    'เส้นจราจรและทางม้าลายหน้าโรงเรียนลบเลือนจนมองไม่เห็น เด็กนักเรียนข้ามถนนลำบาก ขอให้ทาสีใหม่',
    'ถนนคอนกรีตในซอยแตกร้าวและมีเหล็กเส้นโผล่ขึ้นมา เด็กที่ปั่นจักรยานเคยล้มได้รับบาดเจ็บ',
    'ทางเท้าริมถนนใหญ่ถูกรถบรรทุกทับจนแผ่นกระเบื้องแตกกระจาย คนชราและผู้ใช้รถเข็นเดินผ่านไม่ได้',
  ],
  flood: [
    'ฝนตกเพียงครึ่งชั่วโมงน้ำก็ท่วมสูงถึงหัวเข่า ระบายออกช้ามาก ต้องรอหลายชั่วโมงกว่าจะแห้ง รถเล็กผ่านไม่ได้',
    'น้ำท่วมขังหน้าบ้านมาสามวันแล้ว เริ่มมีกลิ่นเหม็นและยุงเยอะ สงสัยว่าท่อระบายน้ำอุดตัน',
    'ท่อระบายน้ำริมถนนมีขยะและเศษดินอุดตัน ทุกครั้งที่ฝนตกน้ำจะเอ่อเข้าบ้านเรือนในซอย',
    'เครื่องสูบน้ำของชุมชนเสียมาตั้งแต่ต้นฤดูฝน ขอให้มาซ่อมหรือนำเครื่องสูบน้ำสำรองมาติดตั้งก่อนพายุเข้า',
    'ระดับน้ำในคลองสูงขึ้นจนล้นตลิ่ง ไหลเข้าท่วมทางเดินริมคลองและบ้านผู้สูงอายุ ต้องการกระสอบทรายด่วน',
    'อุโมงค์ทางลอดมีน้ำท่วมขังทุกครั้งที่ฝนตก รถติดยาวและเคยมีรถดับกลางน้ำ',
    'บ่อพักน้ำหน้าตลาดไม่มีฝาปิด น้ำไหลย้อนขึ้นมาตอนฝนตกหนัก พาเศษขยะกระจายเต็มถนน',
  ],
  waste: [
    'ขยะล้นถังหน้าตลาดมาหลายวันแล้ว ไม่มีรถมาเก็บ ส่งกลิ่นเหม็นรบกวน มีสุนัขจรจัดมาคุ้ยจนกระจาย',
    'มีคนนำเศษวัสดุก่อสร้างและเฟอร์นิเจอร์เก่ามาทิ้งบนที่ว่างริมถนนทุกคืน ขอให้ตรวจสอบและติดป้ายห้ามทิ้ง',
    'รถเก็บขยะมาไม่ตรงเวลา บางสัปดาห์ไม่มาเลย ขยะเปียกหมักหมมจนน้ำขยะไหลลงท่อ',
    'ร้านอาหารริมทางเทน้ำมันและเศษอาหารลงท่อระบายน้ำ ทำให้ท่ออุดตันและมีกลิ่นเหม็นทั้งซอย',
    'มีการลักลอบเผาขยะในที่ดินรกร้างช่วงเย็น ควันเข้าบ้าน ผู้สูงอายุและเด็กไอมาก',
    'ถังขยะสาธารณะแตกชำรุด ฝาปิดไม่ได้ ขอเปลี่ยนถังใหม่และเพิ่มจุดวางถังคัดแยกขยะ',
    'หลังงานวัดเมื่อสุดสัปดาห์ยังมีกล่องโฟมและขวดพลาสติกกองอยู่ริมคลอง ไม่มีใครมาเก็บ',
  ],
  lighting: [
    'ไฟส่องสว่างในซอยดับติดต่อกันห้าต้น กลางคืนมืดมาก มีคนถูกวิ่งราวกระเป๋าแล้ว ขอให้ซ่อมด่วน',
    'ไฟบนสะพานลอยกะพริบติด ๆ ดับ ๆ มาเป็นเดือน คนเดินข้ามตอนกลางคืนรู้สึกไม่ปลอดภัย',
    'เสาไฟฟ้าส่องสว่างเอียงเกือบล้มหลังพายุเมื่อคืน สายไฟห้อยต่ำ อันตรายต่อคนเดินเท้า',
    'ไฟส่องสว่างเปิดค้างไว้ทั้งกลางวัน สิ้นเปลืองพลังงาน ขอให้ตรวจสอบระบบตั้งเวลา',
    'ทางเดินไปป้ายรถเมล์ไม่มีไฟส่องสว่างเลย ผู้หญิงที่เลิกงานดึกต้องเดินในที่มืด',
    'หลอดไฟในสวนสาธารณะเสียหลายจุด ช่วงหัวค่ำคนมาออกกำลังกายมองทางไม่เห็น',
    'โคมไฟใต้ทางด่วนดับทั้งแนว มีคนมามั่วสุมตอนกลางคืน ชาวบ้านไม่กล้าเดินผ่าน',
  ],
};

const TITLES: Record<BenchCategory, readonly string[]> = {
  road: ['ถนนเป็นหลุมเป็นบ่อ', 'ถนนทรุด', 'ขอให้ซ่อมถนนในซอย', 'ทางม้าลายหน้าโรงเรียน'],
  flood: ['น้ำท่วมขัง', 'ท่อระบายน้ำอุดตัน', 'น้ำท่วมทุกครั้งที่ฝนตก', 'ขอกระสอบทราย'],
  waste: ['ขยะไม่มีคนเก็บ', 'ลักลอบทิ้งขยะ', 'เผาขยะส่งกลิ่นควัน', 'ถังขยะชำรุด'],
  lighting: ['ไฟถนนดับ', 'ไฟส่องสว่างเสีย', 'เสาไฟเอียง', 'ซอยมืด ไม่ปลอดภัย'],
};

const OPENINGS = ['', '', 'เรียนเจ้าหน้าที่ที่เกี่ยวข้อง', 'ขอแจ้งเรื่องร้องเรียนครับ', 'รบกวนช่วยตรวจสอบด้วยค่ะ', 'สวัสดีครับ ขอแจ้งปัญหาในชุมชน'];

const DETAILS = [
  'เป็นมาตั้งแต่วันจันทร์ที่ผ่านมา',
  'ช่วงเวลาที่เห็นปัญหาชัดที่สุดคือประมาณ 18.00–22.00 น.',
  'คนในชุมชนได้รับผลกระทบหลายสิบครัวเรือน',
  'ใกล้กับโรงเรียนและศูนย์พัฒนาเด็กเล็ก',
  'เคยแจ้งผ่านสายด่วนไปแล้วเมื่อเดือนก่อน ได้รับแจ้งว่าจะส่งเจ้าหน้าที่มาตรวจสอบ แต่จนถึงวันนี้ยังไม่มีความคืบหน้า',
  'ผู้สูงอายุในซอยออกจากบ้านไปโรงพยาบาลลำบากมาก',
  'มีรูปถ่ายประกอบ แต่ส่งผ่านระบบไม่ได้ สะดวกให้เจ้าหน้าที่มาดูสถานที่จริงได้ตลอด',
  'ในกลุ่มไลน์ของหมู่บ้านมีคนบ่นเรื่องนี้ทุกวัน',
];

const CLOSINGS = [
  '',
  'ขอบคุณครับ',
  'ขอบคุณค่ะ',
  'หวังว่าจะได้รับการแก้ไขโดยเร็ว',
  'แจ้งไปหลายครั้งแล้ว ขอให้ช่วยเร่งดำเนินการด้วย',
  'ขอให้แจ้งผลการดำเนินการกลับมาด้วยครับ',
];

const ROADS = ['ลาดพร้าว', 'สุขุมวิท', 'รามคำแหง', 'เพชรเกษม', 'จรัญสนิทวงศ์', 'พหลโยธิน', 'ประชาอุทิศ', 'อ่อนนุช', 'งามวงศ์วาน', 'เจริญกรุง'];
const LANDMARKS = ['ใกล้ร้านสะดวกซื้อ', 'ตรงข้ามวัด', 'หน้าตลาดสด', 'ข้างป้ายรถเมล์', 'หลังโรงเรียน', 'ริมคลอง', 'ทางเข้าชุมชน', ''];

const GIVEN_NAMES = ['สมชาย', 'สมศรี', 'วิภาวดี', 'ประเสริฐ', 'อรุณี', 'ธนากร', 'กัญญารัตน์', 'บุญเรือน', 'ณัฐพล', 'พิมพ์ชนก', 'วีระ', 'จันทร์เพ็ญ'];
const FAMILY_NAMES = ['ใจดี', 'มีสุข', 'ศรีสวัสดิ์', 'วงศ์ทอง', 'แก้วประเสริฐ', 'พึ่งบุญ', 'ทองคำ', 'สายสุวรรณ', 'เรืองศรี', 'อินทรวงศ์', 'คงมั่น', 'บุญมา'];
const NAME_PREFIXES = ['', '', 'นาย', 'นาง', 'นางสาว'];

/** A small seeded PRNG (mulberry32): the same seed gives the same bodies. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function digits(random: () => number, count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += String(Math.floor(random() * 10));
  return text;
}

/** A Thai phone number in one of the forms people type: mobile or Bangkok landline. */
function phoneNumber(random: () => number): string {
  const mobile = `${pick(random, ['6', '8', '9'])}${digits(random, 8)}`;
  switch (Math.floor(random() * 4)) {
    case 0:
      return `0${mobile.slice(0, 2)}-${mobile.slice(2, 5)}-${mobile.slice(5)}`;
    case 1:
      return `0${mobile}`;
    case 2:
      return `+66 ${mobile.slice(0, 2)} ${mobile.slice(2, 5)} ${mobile.slice(5)}`;
    default:
      return `02-${digits(random, 3)}-${digits(random, 4)}`;
  }
}

function description(random: () => number, category: BenchCategory): string {
  const parts = [pick(random, OPENINGS)];
  const problems = PROBLEMS[category];
  const first = pick(random, problems);
  parts.push(first);
  // About one in four complaints runs long: a second problem and some history.
  if (random() < 0.25) {
    const second = pick(random, problems);
    if (second !== first) parts.push(`นอกจากนี้ ${second}`);
    parts.push(pick(random, DETAILS), pick(random, DETAILS));
  } else if (random() < 0.5) {
    parts.push(pick(random, DETAILS));
  }
  // Some people leave their number in the text itself (the search index must redact it).
  if (random() < 0.1) parts.push(`ติดต่อกลับได้ที่ ${phoneNumber(random)}`);
  parts.push(pick(random, CLOSINGS));
  return parts.filter(Boolean).join(' ');
}

function address(random: () => number): string {
  const landmark = pick(random, LANDMARKS);
  return [`ซอย${pick(random, ROADS)} ${1 + Math.floor(random() * 120)}`, landmark].filter(Boolean).join(' ');
}

/** One complaint; `random` drives every choice. */
export function makeComplaint(random: () => number): PublicComplaintBody {
  const category = pick(random, BENCH_CATEGORIES);
  const body: PublicComplaintBody = {
    description: description(random, category),
    categoryCode: category,
    channel: random() < 0.7 ? 'web' : 'mobile_app',
    location: { provinceCode: BANGKOK_PROVINCE_CODE, districtCode: pick(random, BANGKOK_DISTRICT_CODES) },
  };
  if (random() < 0.5) body.title = pick(random, TITLES[category]);
  if (random() < 0.8) body.location.address = address(random);
  if (random() < 0.4) {
    // Bangkok's extent, rounded as a phone's GPS reports it.
    body.location.lat = Math.round((13.6 + random() * 0.35) * 1e6) / 1e6;
    body.location.lon = Math.round((100.35 + random() * 0.55) * 1e6) / 1e6;
  }
  const who = random();
  if (who < 0.5) {
    body.complainant = { name: `${pick(random, NAME_PREFIXES)}${pick(random, GIVEN_NAMES)} ${pick(random, FAMILY_NAMES)}`, phone: phoneNumber(random) };
    if (random() < 0.1) body.confidential = true;
  } else if (who < 0.85) {
    body.anonymous = true;
  }
  return body;
}

/** `count` complaints, serialised once so the load loop only writes bytes. */
export function makeComplaintBodies(count: number, seed: number): Buffer[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => Buffer.from(JSON.stringify(makeComplaint(random)), 'utf8'));
}
