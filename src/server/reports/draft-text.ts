/**
 * The draft the system proposes for the memo's texts from the figures, in the formal register
 * of official memos (ภาษาราชการ): the background, the analysis, the problems and obstacles
 * (ปัญหาและอุปสรรค) and the recommendations (ข้อเสนอแนะ). The officer edits it before
 * submitting. Pure: from the figures alone, so the same figures give the same draft.
 */
import type { ReportFigures, ReportTexts } from '../../shared/api/reports.ts';
import { PUBLIC_MIN_COUNT, publicCount } from './figures.ts';

export type DraftTexts = Pick<ReportTexts, 'background' | 'analysis' | 'problems' | 'recommendations'>;

export interface DraftFacts {
  /** The agency's Thai name. */
  agencyNameTh: string;
  /** The period as named in Thai (fiscal-period.ts periodLabelTh). */
  periodTh: string;
  figures: ReportFigures;
}

/** Below this average rating (of 5) satisfaction is called low. */
export const LOW_SATISFACTION = 3.5;
/** How many of the largest categories the analysis names. */
const LARGEST_CATEGORIES = 3;

const number = (value: number) => value.toLocaleString('th-TH');
/**
 * A count of a breakdown finer than the agency, written as the public figures show it (the memo
 * is published): 1 to 4 as "น้อยกว่า 5" so that no one can be singled out.
 */
const few = (value: number) => (publicCount(value) === '<5' ? 'น้อยกว่า 5' : number(value));
/** " (ร้อยละ 71.4)" of a part of 5 or more; nothing for a smaller part, which the percentage would give away. */
const percent = (part: number, whole: number) => (part < PUBLIC_MIN_COUNT || whole === 0 ? '' : ` (ร้อยละ ${(Math.round((part / whole) * 1000) / 10).toLocaleString('th-TH')})`);
const numbered = (items: readonly string[]) => items.map((item, index) => `${index + 1}. ${item}`).join('\n');

/** Proposes the four texts of a report. */
export function proposeTexts(facts: DraftFacts): DraftTexts {
  return { background: background(facts), analysis: analysis(facts), problems: problems(facts), recommendations: recommendations(facts) };
}

function background({ agencyNameTh, periodTh, figures }: DraftFacts): string {
  const channels = figures.byChannel.filter((row) => row.channelId !== null).map((row) => row.labelTh);
  const offered = channels.length > 0 ? ` ได้แก่ ${channels.join(' ')}` : '';
  return (
    `ตามที่${agencyNameTh}ได้จัดให้มีช่องทางการรับเรื่องร้องเรียนร้องทุกข์${offered} ` +
    'เพื่อให้ประชาชนสามารถแจ้งเรื่องร้องเรียนได้โดยสะดวก และเพื่อให้การจัดการเรื่องร้องเรียนเป็นไปด้วยความรวดเร็ว โปร่งใส และเป็นธรรม นั้น ' +
    `ในการนี้ จึงขอรายงานผลการดำเนินงานเรื่องร้องเรียน ${periodTh} ดังนี้`
  );
}

function analysis({ agencyNameTh, periodTh, figures }: DraftFacts): string {
  if (figures.received === 0) return `ใน${periodTh} ${agencyNameTh}ไม่ได้รับเรื่องร้องเรียนผ่านช่องทางใด`;
  const { received, integrity, sla, satisfaction } = figures;
  const sentences = [
    `ใน${periodTh} ${agencyNameTh}ได้รับเรื่องร้องเรียนทั้งสิ้น ${number(received)} เรื่อง ` +
      `แยกเป็นเรื่องร้องเรียนเกี่ยวกับการทุจริตและประพฤติมิชอบ ${few(integrity.corruption + integrity.misconduct)} เรื่อง ` +
      `และเรื่องร้องเรียนทั่วไปเกี่ยวกับการให้บริการ ${few(integrity.service)} เรื่อง`,
  ];
  const largest = figures.byCategory.slice(0, LARGEST_CATEGORIES).map((row) => `${row.nameTh} ${few(row.count)} เรื่อง`);
  sentences.push(`ประเภทเรื่องที่ได้รับมากที่สุด ได้แก่ ${largest.join(' ')}`);
  const channel = [...figures.byChannel].sort((a, b) => b.count - a.count)[0];
  if (channel) sentences.push(`ช่องทางที่ได้รับเรื่องมากที่สุด คือ ${channel.labelTh} ${few(channel.count)} เรื่อง`);
  const finished = sla.met + sla.missed;
  sentences.push(
    `ดำเนินการแล้วเสร็จ ${few(finished)} เรื่อง เป็นเรื่องที่แล้วเสร็จภายในกำหนด ${few(sla.met)} เรื่อง${percent(sla.met, finished)} ` +
      `และเกินกำหนด ${few(sla.missed)} เรื่อง อยู่ระหว่างดำเนินการ ณ วันสิ้นสุดช่วงรายงาน ${few(sla.openWithinTime + sla.openOverdue)} เรื่อง ` +
      `ซึ่งเกินกำหนดแล้ว ${few(sla.openOverdue)} เรื่อง`,
  );
  sentences.push(
    satisfaction.average === null
      ? 'ไม่มีผู้ร้องประเมินความพึงพอใจ'
      : satisfaction.responses < PUBLIC_MIN_COUNT
        ? // An average of a few ratings would tell each of them.
          `ผู้ร้องประเมินความพึงพอใจ${few(satisfaction.responses)} ราย`
        : `ผู้ร้องประเมินความพึงพอใจ ${number(satisfaction.responses)} ราย คะแนนเฉลี่ย ${satisfaction.average.toFixed(2)} จาก 5 คะแนน`,
  );
  return sentences.join('\n');
}

function problems({ figures }: DraftFacts): string {
  if (figures.received === 0) {
    return numbered([
      'ประชาชนอาจยังไม่ทราบช่องทางการร้องเรียนของหน่วยงาน เนื่องจากการประชาสัมพันธ์ยังไม่ทั่วถึง',
      'ผู้ที่ประสงค์จะร้องเรียนอาจมีความกังวลว่าข้อมูลส่วนบุคคลของตนจะไม่ได้รับการปกปิด หรืออาจได้รับผลกระทบจากการร้องเรียน',
    ]);
  }
  const { sla, satisfaction, integrity, received } = figures;
  const items: string[] = [];
  const late = sla.missed + sla.openOverdue;
  if (late > 0) items.push(`มีเรื่องที่ดำเนินการเกินกรอบเวลาที่กำหนด ${few(late)} เรื่อง${percent(late, received)}`);
  if (lowSatisfaction(figures)) {
    items.push(`ผู้ร้องมีความพึงพอใจต่อการดำเนินการในระดับต่ำ โดยมีคะแนนเฉลี่ย ${(satisfaction.average ?? 0).toFixed(2)} จาก 5 คะแนน`);
  }
  const integrityCases = integrity.corruption + integrity.misconduct;
  if (integrityCases > 0) items.push(`มีเรื่องร้องเรียนเกี่ยวกับการทุจริตและประพฤติมิชอบ ${few(integrityCases)} เรื่อง ซึ่งต้องดำเนินการด้วยความรอบคอบและรักษาความลับของผู้ร้องอย่างเคร่งครัด`);
  if (items.length === 0) return 'ไม่พบปัญหาและอุปสรรคที่สำคัญในการดำเนินงาน';
  return numbered(items);
}

function recommendations({ figures }: DraftFacts): string {
  const publicise = 'ประชาสัมพันธ์ช่องทางการร้องเรียนของหน่วยงานให้ประชาชนทราบอย่างทั่วถึง เช่น ทางเว็บไซต์ ป้ายประกาศ และสื่อสังคมออนไลน์';
  const confidentiality = 'เน้นย้ำการรักษาความลับและการคุ้มครองผู้ร้องเรียน เพื่อสร้างความเชื่อมั่นให้แก่ประชาชนในการแจ้งเรื่องร้องเรียน';
  if (figures.received === 0) return numbered([publicise, confidentiality, 'ตรวจสอบให้ช่องทางการร้องเรียนทุกช่องทางพร้อมใช้งานอยู่เสมอ']);
  const { sla, byCategory } = figures;
  const items: string[] = [];
  const largest = byCategory[0];
  if (largest && largest.code !== null) items.push(`ประสานหน่วยงานที่เกี่ยวข้องเพื่อป้องกันและแก้ไขปัญหาด้าน${largest.nameTh} ซึ่งเป็นเรื่องที่ได้รับมากที่สุด`);
  if (sla.missed + sla.openOverdue > 0) items.push('ติดตามเร่งรัดเรื่องที่ใกล้ครบกำหนดและเกินกำหนด และทบทวนขั้นตอนการดำเนินงานให้แล้วเสร็จภายในกรอบเวลา');
  if (lowSatisfaction(figures)) items.push('ทบทวนคุณภาพการดำเนินการและการชี้แจงผลให้ผู้ร้องทราบอย่างครบถ้วน ชัดเจน');
  items.push(publicise, confidentiality);
  return numbered(items);
}

/** Low satisfaction, judged only from enough ratings to be said in public. */
function lowSatisfaction({ satisfaction }: ReportFigures): boolean {
  return satisfaction.average !== null && satisfaction.responses >= PUBLIC_MIN_COUNT && satisfaction.average < LOW_SATISFACTION;
}
