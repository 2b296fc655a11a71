/**
 * The report as an official memo (บันทึกข้อความ, the internal memo of the Regulation on
 * Correspondence, ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ): the heading, then ส่วนราชการ, ที่,
 * วันที่, เรื่อง, เรียน; numbered sections (background, channels and counts, results, analysis,
 * problems and obstacles, recommendations); the request to approve publication; the signature
 * blocks of who prepared it and who approves it. Sarabun, dates in the Buddhist era, Thai digits
 * by default. Pure: HTML text that memo-pdf.ts prints with Chromium (whose HarfBuzz shaping and
 * ICU line breaking set Thai correctly: tone marks above vowels, lines broken between words).
 */
import type { ReportFigures, ReportTexts } from '../../shared/api/reports.ts';
import { thaiDigits } from '../../shared/fiscal-period.ts';

export interface MemoInput {
  agencyNameTh: string;
  /** The period as named in Thai (periodLabelTh). */
  periodTh: string;
  /** The memo's date, Thai with the Buddhist-era year ("5 ตุลาคม 2569"). */
  dateTh: string;
  figures: ReportFigures;
  texts: ReportTexts;
  /** A version after the first: what it changed. */
  version: number;
  changeNote: string | null;
  /** The @font-face rules (memo-fonts.ts); tests pass none. */
  fontFaces: string;
  /** Thai digits (เลขไทย), the default of official documents; Arabic digits without. */
  thaiNumerals?: boolean;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
/** Text content of the memo: escaped, digits as the memo writes them (markup is never passed through here). */
type Text = (text: string | number) => string;
const DOTS = '.'.repeat(40);

/** Paragraphs of a text: each line its own, indented as official letters are. */
function paragraphs(t: Text, text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
  return lines.length === 0 ? `<p class="indent">-</p>` : lines.map((line) => `<p class="indent">${t(line)}</p>`).join('');
}

function table(t: Text, heading: string, rows: ReadonlyArray<readonly [string, number | string]>): string {
  const body = rows.map(([label, count]) => `<tr><td>${t(label)}</td><td class="num">${t(count)}</td></tr>`).join('');
  return `<table><thead><tr><th>${t(heading)}</th><th class="num">จำนวน (เรื่อง)</th></tr></thead><tbody>${body}</tbody></table>`;
}

function figureSections(t: Text, figures: ReportFigures): string {
  const { integrity, sla, satisfaction } = figures;
  const channels = table(t, 'ช่องทาง', [...figures.byChannel.map((row) => [row.labelTh, row.count] as const), ['รวม', figures.received]]);
  const categories = figures.byCategory.length === 0 ? '' : table(t, 'ประเภทเรื่อง', figures.byCategory.map((row) => [row.nameTh, row.count] as const));
  const kinds = table(t, 'ลักษณะเรื่อง', [
    ['เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ', integrity.corruption + integrity.misconduct],
    ['เรื่องร้องเรียนทั่วไปด้านการให้บริการ', integrity.service],
  ]);
  const results = figures.byResult.length === 0 ? '' : table(t, 'ผลการดำเนินการ', figures.byResult.map((row) => [row.labelTh, row.count] as const));
  const statuses = figures.byStatusAtEnd.length === 0 ? '' : table(t, 'สถานะ ณ วันสิ้นสุดช่วงรายงาน', figures.byStatusAtEnd.map((row) => [row.labelTh, row.count] as const));
  const timeliness = table(t, 'กรอบเวลา', [
    ['แล้วเสร็จภายในกำหนด', sla.met],
    ['แล้วเสร็จเกินกำหนด', sla.missed],
    ['อยู่ระหว่างดำเนินการภายในกำหนด', sla.openWithinTime],
    ['อยู่ระหว่างดำเนินการเกินกำหนด', sla.openOverdue],
  ]);
  const rating = satisfaction.average === null ? 'ไม่มีผู้ประเมินความพึงพอใจ' : `ผู้ประเมิน ${satisfaction.responses} ราย คะแนนเฉลี่ย ${satisfaction.average.toFixed(2)} จาก 5 คะแนน`;
  return [
    `<h2>${t('2. ช่องทางการรับเรื่องร้องเรียนและจำนวนเรื่องที่ได้รับ')}</h2>${channels}`,
    `<h2>${t('3. ผลการดำเนินงาน')}</h2>${kinds}${categories}${results}${statuses}${timeliness}<p class="indent">${t(`ความพึงพอใจของผู้ร้อง: ${rating}`)}</p>`,
  ].join('');
}

function signature(t: Text, name: string, position: string, role: string): string {
  const named = name.trim() === '' ? DOTS : t(name);
  const held = position.trim() === '' ? DOTS : t(position);
  return `<div class="signature"><p>(ลงชื่อ) ${DOTS}</p><p>( ${named} )</p><p>ตำแหน่ง ${held}</p><p class="role">${t(role)}</p></div>`;
}

/** The memo as one HTML document (A4). */
export function memoHtml(input: MemoInput): string {
  const { texts, figures } = input;
  const t: Text = (text) => escapeHtml(input.thaiNumerals === false ? String(text) : thaiDigits(String(text)));
  const orDots = (text: string) => (text.trim() === '' ? DOTS : t(text));
  const subject = `รายงานผลการดำเนินงานเรื่องร้องเรียน ${input.periodTh}`;
  const revision = input.version > 1 && input.changeNote ? `<p class="indent">${t(`รายงานฉบับนี้เป็นฉบับแก้ไขครั้งที่ ${input.version - 1} โดยแก้ไข ${input.changeNote}`)}</p>` : '';
  const section = (heading: string, text: string) => `<h2>${t(heading)}</h2>${paragraphs(t, text)}`;
  const html = `
<h1>บันทึกข้อความ</h1>
<div class="head">
  <p><b>ส่วนราชการ</b> ${t(input.agencyNameTh)}</p>
  <p class="pair"><span><b>ที่</b> ${orDots(texts.documentNumber)}</span><span><b>วันที่</b> ${t(input.dateTh)}</span></p>
  <p><b>เรื่อง</b> ${t(subject)}</p>
</div>
<p class="to"><b>เรียน</b> ${orDots(texts.addressee)}</p>
${section('1. ความเป็นมา', texts.background)}${revision}
${figureSections(t, figures)}
${section('4. ผลการวิเคราะห์', texts.analysis)}
${section('5. ปัญหาและอุปสรรค', texts.problems)}
${section('6. ข้อเสนอแนะ', texts.recommendations)}
<p class="indent closing">จึงเรียนมาเพื่อโปรดพิจารณา หากเห็นชอบ โปรดอนุมัติให้เผยแพร่รายงานผลการดำเนินงานเรื่องร้องเรียนดังกล่าวบนเว็บไซต์ของหน่วยงานต่อไป</p>
${signature(t, texts.preparedByName, texts.preparedByPosition, 'ผู้จัดทำรายงาน')}
<div class="approval"><p>ความเห็นของผู้บังคับบัญชา</p><p><span class="box"></span> อนุมัติ &nbsp;&nbsp; <span class="box"></span> ไม่อนุมัติ ${DOTS}</p></div>
${signature(t, texts.approverName, texts.approverPosition, 'ผู้อนุมัติ')}
<p class="date">วันที่ ${DOTS}</p>`;
  return `<!doctype html><html lang="th"><head><meta charset="utf-8"><title>${t(subject)}</title><style>
${input.fontFaces}
@page { size: A4; margin: 2.5cm 2cm 2cm 3cm;
  @top-center { content: "- " counter(page, ${input.thaiNumerals === false ? 'decimal' : 'thai'}) " -"; font-family: 'Sarabun', sans-serif; font-size: 12pt; } }
/* หนังสือราชการ number their pages from the second, centred at the top: "- ๒ -". */
@page :first { @top-center { content: none; } }
body { font-family: 'Sarabun', sans-serif; font-size: 12pt; line-height: 1.5; color: #000; }
h1 { text-align: center; font-size: 20pt; margin: 0 0 0.5em; }
h2 { font-size: 12pt; margin: 0.8em 0 0.2em; }
p { margin: 0; }
.head p { border-bottom: 1px dotted #000; padding: 0.1em 0; }
.pair { display: flex; gap: 2em; } .pair span:first-child { flex: 1; }
.to { margin-top: 0.6em; }
.indent { text-indent: 2.5cm; text-align: justify; }
table { width: 100%; border-collapse: collapse; margin: 0.3em 0 0.6em; page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 0.1em 0.5em; text-align: left; font-size: 11pt; }
.num { text-align: right; width: 8em; }
.closing { margin-top: 0.8em; }
.signature { margin: 1.5em 0 0 45%; text-align: center; page-break-inside: avoid; }
.approval { margin-top: 1.5em; page-break-inside: avoid; }
/* A drawn box: Sarabun has no ballot box, and no other font is embedded. */
.box { display: inline-block; width: 0.8em; height: 0.8em; border: 1px solid #000; vertical-align: -0.05em; }
.date { margin-left: 45%; text-align: center; }
</style></head><body>${html}</body></html>`;
}
