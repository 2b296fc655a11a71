/**
 * What the chat conversation says (Thai), and the words it understands. A quick reply sends
 * the first word of its command, as if typed; the others are what people type instead.
 */
import type { Draft } from './conversation.ts';

export const COMMANDS = {
  cancel: ['ยกเลิก', 'cancel'],
  file: ['แจ้งเรื่องร้องเรียน', 'ร้องเรียน', 'แจ้งเรื่อง', 'ร้องทุกข์', 'new'],
  follow: ['ติดตาม', 'ติดตามเรื่อง', 'สถานะ', 'status', 'track'],
  greetings: ['สวัสดี', 'สวัสดีครับ', 'สวัสดีค่ะ', 'hello', 'hi', 'เมนู', 'menu'],
  yes: ['ใช่', 'yes', 'ถูกต้อง'],
  no: ['ไม่ใช่', 'no', 'ไม่'],
  skip: ['ข้าม', 'skip', 'ไม่ระบุ'],
  done: ['เสร็จแล้ว', 'ไม่มีรูป', 'ไม่มี', 'done', 'เสร็จ'],
  anonymous: ['ไม่ประสงค์ออกนาม', 'anonymous'],
  named: ['ให้ชื่อและเบอร์โทร', 'ระบุตัวตน', 'named'],
  confidential: ['ปกปิด', 'ปกปิดชื่อ', 'confidential'],
  notConfidential: ['ไม่ต้องปกปิด', 'ไม่ปกปิด', 'not confidential'],
  confirm: ['ยืนยัน', 'confirm', 'ส่ง'],
  sameCase: ['เพิ่มในเรื่องเดิม', 'เรื่องเดิม', 'same'],
  newCase: ['แจ้งเป็นเรื่องใหม่', 'เรื่องใหม่', 'new case'],
  addInfo: ['เพิ่มข้อมูล', 'add'],
  rate: ['ประเมิน', 'rate'],
  accept: ['พอใจ ปิดเรื่อง', 'พอใจ', 'accept'],
  reopen: ['ขอให้พิจารณาใหม่', 'ไม่พอใจ', 'reopen'],
} as const;

/** Whether `text` says one of `words` (case, spaces and a polite ending aside). */
export function isCommand(text: string, words: readonly string[]): boolean {
  const said = text.trim().toLowerCase().replace(/\s+/gu, ' ').replace(/\s*(ครับ|ค่ะ|คะ|จ้า)$/u, '');
  return words.some((word) => word.toLowerCase() === said);
}

function draftLines(draft: Draft): string[] {
  return [
    `เรื่อง: ${draft.description.length > 200 ? `${draft.description.slice(0, 200)}…` : draft.description}`,
    `ประเภท: ${draft.category?.nameTh ?? 'ให้เจ้าหน้าที่พิจารณา'}`,
    `สถานที่: ${draft.place?.labelTh ?? 'ไม่ระบุ'}`,
    `รูปภาพ: ${draft.photos.length} รูป`,
    draft.anonymous ? 'ผู้ร้อง: ไม่ประสงค์ออกนาม' : `ผู้ร้อง: ${draft.name ?? ''}${draft.phone ? ` โทร ${draft.phone}` : ''}${draft.confidential ? ' (ปกปิดชื่อ)' : ''}`,
  ];
}

export const TEXTS = {
  welcome:
    'สวัสดีค่ะ ที่นี่รับเรื่องร้องเรียนร้องทุกข์ ท่านแจ้งเรื่องใหม่ หรือติดตามเรื่องที่แจ้งไว้ได้ทางแชตนี้ พิมพ์ "ยกเลิก" ได้ทุกเมื่อ',
  nothingToCancel: 'ไม่มีรายการที่ต้องยกเลิก ท่านแจ้งเรื่องใหม่หรือติดตามเรื่องได้ค่ะ',
  cancelled: 'ยกเลิกแล้ว ข้อมูลที่กรอกไว้ไม่ได้ถูกส่ง',
  expired: 'การสนทนาก่อนหน้าไม่มีการตอบกลับเกิน 1 วัน จึงยกเลิกไปแล้ว ข้อมูลที่กรอกไว้ไม่ได้ถูกส่ง กรุณาเริ่มใหม่',
  askDescription: 'กรุณาเล่าเรื่องที่ต้องการร้องเรียน: เกิดอะไรขึ้น ที่ไหน เมื่อไร',
  describeAsText: 'กรุณาพิมพ์เล่าเรื่องที่ต้องการร้องเรียนเป็นข้อความก่อน',
  describeMore: 'กรุณาเล่าเรื่องให้ละเอียดขึ้นอีกเล็กน้อย เพื่อให้เจ้าหน้าที่ดำเนินการได้',
  describeShorter: (max: number) => `ข้อความยาวเกิน ${max} ตัวอักษร กรุณาสรุปให้สั้นลง`,
  confirmCategory: (nameTh: string) => `เรื่องนี้น่าจะเป็นประเภท "${nameTh}" ใช่หรือไม่`,
  categoryLeftToStaff: 'รับทราบ เจ้าหน้าที่จะพิจารณาประเภทของเรื่องให้',
  askLocation: 'เรื่องนี้เกิดที่ไหน กรุณาส่งตำแหน่ง (แชร์ตำแหน่งที่ตั้ง) หรือพิมพ์ชื่ออำเภอและจังหวัด เช่น "ตะพานหิน พิจิตร"',
  locationOutside: 'ตำแหน่งนี้อยู่นอกเขตอำเภอในประเทศไทย กรุณาส่งตำแหน่งใหม่ หรือพิมพ์ชื่ออำเภอและจังหวัด',
  placeUnknown: 'ไม่พบชื่อพื้นที่นี้ กรุณาพิมพ์ชื่ออำเภอและจังหวัด เช่น "ตะพานหิน พิจิตร" หรือส่งตำแหน่ง',
  locationFound: (labelTh: string) => `สถานที่: ${labelTh}`,
  askPhotos: (max: number) => `มีรูปภาพประกอบหรือไม่ ส่งได้ไม่เกิน ${max} รูป แล้วกด "เสร็จแล้ว"`,
  photoTaken: (count: number) => `ได้รับรูปที่ ${count} แล้ว ส่งเพิ่มได้ หรือกด "เสร็จแล้ว"`,
  photoRefused: (reasonTh: string) => `รับรูปนี้ไม่ได้: ${reasonTh}`,
  tooManyPhotos: (max: number) => `รับรูปได้ไม่เกิน ${max} รูป รูปที่เกินไม่ได้แนบ`,
  askIdentity: 'ท่านต้องการแจ้งแบบไม่ประสงค์ออกนาม หรือให้ชื่อและเบอร์โทรไว้ให้เจ้าหน้าที่ติดต่อกลับ',
  askName: 'กรุณาพิมพ์ชื่อ-นามสกุลของท่าน',
  askPhone: 'กรุณาพิมพ์เบอร์โทรศัพท์ที่ติดต่อได้ หรือกด "ข้าม"',
  phoneInvalid: 'เบอร์โทรศัพท์ไม่ถูกต้อง (9 หรือ 10 หลัก ขึ้นต้นด้วย 0) กรุณาพิมพ์ใหม่ หรือกด "ข้าม"',
  askConfidential: 'ต้องการให้ปกปิดชื่อของท่านจากผู้ถูกร้องเรียนหรือไม่',
  summary: (draft: Draft) => ['กรุณาตรวจสอบ แล้วกด "ยืนยัน" เพื่อส่งเรื่อง', '', ...draftLines(draft)].join('\n'),
  aboutOpenCase: (code: string) => `ข้อความนี้เกี่ยวกับเรื่องเลขที่ ${code} ที่ท่านแจ้งไว้ หรือเป็นเรื่องใหม่`,
  askInformation: (code: string) => `กรุณาพิมพ์ข้อมูลเพิ่มเติม หรือส่งรูปภาพ สำหรับเรื่องเลขที่ ${code}`,
  askRating: (code: string) => `ท่านพึงพอใจผลการดำเนินการเรื่องเลขที่ ${code} เพียงใด (5 = มากที่สุด)`,
  ratingLabels: ['น้อยที่สุด', 'น้อย', 'ปานกลาง', 'มาก', 'มากที่สุด'],
  askAcceptResult: 'ท่านยอมรับผลและให้ปิดเรื่อง หรือขอให้หน่วยงานพิจารณาใหม่',
};
