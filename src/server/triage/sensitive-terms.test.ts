import { describe, expect, it } from 'vitest';
import { SENSITIVE_TERMS, findSensitiveTerms } from './sensitive-terms.ts';

describe('findSensitiveTerms', () => {
  it.each([
    ['drugs', 'บ้านหลังสุดท้ายในซอยเป็นแหล่งมั่วสุม มีวัยรุ่นมาเสพยาทุกคืน', ['เสพยา', 'แหล่งมั่วสุม']],
    ['drugs', 'มีการขายยาบ้าในซอย ๑๒ หลังตลาดสดทุกคืน', ['ขายยาบ้า']],
    ['corruption', 'เจ้าหน้าที่เทศบาลเรียกรับเงิน ๕,๐๐๐ บาท เพื่อออกใบอนุญาตก่อสร้างให้เร็วขึ้น', ['เรียกรับเงิน']],
    ['corruption', 'ผู้รับเหมาติดสินบนเจ้าหน้าที่ตรวจรับงาน ถนนที่เพิ่งสร้างจึงพังภายในสามเดือน', ['ติดสินบน']],
    ['corruption', 'นายก อบต. ทุจริตงบซ่อมถนน และฮั้วประมูลกับผู้รับเหมารายเดิม', ['ทุจริต', 'ฮั้ว']],
    ['threat-to-safety', 'เพื่อนบ้านขู่ฆ่าและยิงปืนขึ้นฟ้าทุกคืนหลังจากที่แจ้งเรื่องเสียงดัง', ['ขู่ฆ่า', 'ยิงปืน']],
    ['sexual-harassment', 'ถูกเจ้าหน้าที่ลวนลามและคุกคามทางเพศระหว่างไปติดต่อราชการที่สำนักงานเขต', ['คุกคามทางเพศ', 'ลวนลาม']],
    ['sexual-harassment', 'มีคนแอบถ่ายใต้กระโปรงผู้หญิงในห้องน้ำสถานีรถไฟฟ้า', ['แอบถ่าย']],
  ])('finds %s terms: %s', (categoryCode, text, terms) => {
    expect(findSensitiveTerms(text)).toEqual(terms.map((term) => ({ categoryCode, term })));
  });

  it('reads through zero-width spaces, Thai digits and emphatic repetition', () => {
    expect(findSensitiveTerms('มีคนข่ม\u200Bขู่ว่าจะทำร้ายถ้าไปแจ้งความ')).toEqual([{ categoryCode: 'threat-to-safety', term: 'ข่มขู่' }]);
    expect(findSensitiveTerms('ซอย ๑๒ มีคนขายยาบ้าาาาทุกคืนนนน')).toEqual([{ categoryCode: 'drugs', term: 'ขายยาบ้า' }]);
    expect(findSensitiveTerms('เจ้าหน้าที่เรียก\u200Bรับ\u200Cเงินนนน ๓๐๐ บาท')).toEqual([{ categoryCode: 'corruption', term: 'เรียกรับเงิน' }]);
    expect(findSensitiveTerms('แจ้งว่ามีการ ยิงปืน!!!!! ในหมู่บ้าน')).toEqual([{ categoryCode: 'threat-to-safety', term: 'ยิงปืน' }]);
  });

  it('reads a term split by spaces or marks: written apart, it is still the same word', () => {
    expect(findSensitiveTerms('มีคนขาย ยา บ้า ในซอย ๑๒ ทุกคืน')).toEqual([{ categoryCode: 'drugs', term: 'ขายยาบ้า' }]);
    expect(findSensitiveTerms('แหล่งค้า ยาเสพ ติด หลังตลาด')).toEqual([
      { categoryCode: 'drugs', term: 'ยาเสพติด' },
      { categoryCode: 'drugs', term: 'ค้ายา' },
    ]);
    expect(findSensitiveTerms('นายกฯ ทุ จริต งบถนน')).toEqual([{ categoryCode: 'corruption', term: 'ทุจริต' }]);
    expect(findSensitiveTerms('ผู้รับเหมาให้ สิน-บน เจ้าหน้าที่')).toEqual([{ categoryCode: 'corruption', term: 'สินบน' }]);
    expect(findSensitiveTerms('มีคน ข่ม  ขู่ ทุกวัน')).toEqual([{ categoryCode: 'threat-to-safety', term: 'ข่มขู่' }]);
  });

  it('reads a term with a zero-width character inside a word, and beside Thai digits', () => {
    expect(findSensitiveTerms('พบยา\u200Bบ้า ๒๐๐ เม็ดในบ้านร้าง')).toEqual([{ categoryCode: 'drugs', term: 'ยาบ้า' }]);
    expect(findSensitiveTerms('เจ้าหน้าที่รับสิน\uFEFFบน ๕๐๐๐ บาท')).toEqual([{ categoryCode: 'corruption', term: 'สินบน' }]);
  });

  it('reads a tone mark typed before its vowel (ข + ่ + ู), which NFC puts in order', () => {
    const toneFirst = 'มีคนข่มข\u0E48\u0E39ทุกวัน';
    expect(toneFirst).not.toBe('มีคนข่มขู่ทุกวัน');
    expect(findSensitiveTerms(toneFirst)).toEqual([{ categoryCode: 'threat-to-safety', term: 'ข่มขู่' }]);
  });

  // Words written apart are joined only where they spell the whole term: not where the term
  // would end inside the next word.
  it.each([
    ['ให้ยา บ้านอยู่ไกล ต้องเดินทางไปรับยาเองทุกเดือน', 'ยาบ้า would end inside บ้าน (house)'],
    ['ได้ยา บ้าง ไม่ได้บ้าง', 'ยาบ้า would end inside บ้าง (some)'],
    ['ร้านค้า ยางรถยนต์ วางของบนทางเท้า', 'ค้ายา would end inside ยาง (tyre)'],
    ['ทรัพย์สิน บนถนนหน้าบ้านหายบ่อย', 'สินบน would start inside ทรัพย์สิน (property)'],
  ])('finds nothing where spaced words do not spell a term: %s (%s)', (text) => {
    expect(findSensitiveTerms(text)).toEqual([]);
  });

  it('reports a longer term without the shorter term of the same category inside it', () => {
    expect(findSensitiveTerms('มีการขายยาบ้าหน้าโรงเรียน')).toEqual([{ categoryCode: 'drugs', term: 'ขายยาบ้า' }]);
    expect(findSensitiveTerms('บ้านหลังนี้เป็นแหล่งซื้อขายยาไอซ์')).toEqual([{ categoryCode: 'drugs', term: 'ยาไอซ์' }]);
    expect(findSensitiveTerms('ผู้รับเหมาติดสินบนเจ้าหน้าที่')).toEqual([{ categoryCode: 'corruption', term: 'ติดสินบน' }]);
  });

  it('reports each term once, however often it appears, across categories in the order of the list', () => {
    expect(findSensitiveTerms('ขู่จะทำร้ายคนที่ร้องเรียนเรื่องทุจริต ทุจริตมาหลายปี และยังขู่จะแจ้งจับ')).toEqual([
      { categoryCode: 'corruption', term: 'ทุจริต' },
      { categoryCode: 'threat-to-safety', term: 'ขู่จะ' },
    ]);
  });

  it('has only normalised, non-empty terms (what the matching assumes)', () => {
    for (const terms of Object.values(SENSITIVE_TERMS)) {
      for (const term of terms) {
        expect(term.trim()).toBe(term);
        expect(term.normalize('NFC')).toBe(term);
        expect(term.length).toBeGreaterThan(1);
      }
    }
  });

  it.each([
    'ถนนหน้าซอยสุขุมวิท 71 เป็นหลุมใหญ่ รถจักรยานยนต์ล้มหลายคัน',
    'ไฟฟ้าส่องสว่างดับทั้งซอยรามคำแหง 24 มาสองสัปดาห์แล้ว กลางคืนมืดมาก',
    'น้ำท่วมขังหน้าตลาดบางกะปิทุกครั้งที่ฝนตก ท่อระบายน้ำอุดตัน',
    'ขยะไม่มีรถมาเก็บมาหนึ่งสัปดาห์แล้ว ส่งกลิ่นเหม็นทั้งหมู่บ้าน',
    'ฝาท่อระบายน้ำหน้าโรงเรียนวัดใหม่ชำรุด เด็กนักเรียนเกือบตกลงไป',
    'ต้นไม้ใหญ่ริมถนนพหลโยธินโค่นล้มขวางทางเดินรถตั้งแต่เมื่อคืน',
    'สัญญาณไฟจราจรแยกลาดพร้าว 71 เสีย รถติดยาวมากทุกเช้า',
    'น้ำประปาไม่ไหลมาสามวันแล้ว ชาวบ้านต้องซื้อน้ำใช้',
    'สุนัขจรจัดจำนวนมากในซอยเพชรเกษม 48 ไล่กัดเด็ก',
    'ทางเท้าถนนสีลมกระเบื้องแตก ผู้สูงอายุสะดุดล้มบ่อย',
    'ร้านไอศกรีมหน้าปากซอยตั้งโต๊ะบนทางเท้า คนเดินผ่านไม่ได้',
    'มีการลักลอบทิ้งขยะและเศษวัสดุก่อสร้างในที่ดินว่างเปล่าข้างหมู่บ้าน',
    'ท่อประปาแตก น้ำรั่วไหลบนถนนประชาอุทิศนานกว่าสัปดาห์แล้ว',
    'คลองหลังชุมชนมีผักตบชวาเต็ม น้ำเน่าส่งกลิ่นเหม็นมากกกก',
    'เสาไฟฟ้าเอียงจะล้ม สายไฟห้อยต่ำเกือบถึงพื้น ขอให้มาแก้ไขด่วน',
    'ป้ายรถเมล์หลังคารั่ว ฝนตกต้องยืนตากฝน',
  ])('finds nothing in an ordinary city-service complaint: %s', (text) => {
    expect(findSensitiveTerms(text)).toEqual([]);
  });

  // Terms are whole words, not substrings: ค้ายา (drug dealing) is a prefix of ค้ายาง (selling
  // tyres), and a sidewalk complaint about a tyre shop is not a drug case.
  it('finds nothing in a complaint about a tyre shop on the pavement (ค้ายาง ⊃ ค้ายา)', () => {
    expect(findSensitiveTerms('ร้านค้ายางรถยนต์วางยางเก่าล้ำทางเท้า คนเดินต้องลงไปเดินบนถนน')).toEqual([]);
  });

  // Nor is ยาบ้าง ("some medicine") ยาบ้า (methamphetamine).
  it('finds nothing in a complaint asking a clinic for some medicine (ยาบ้าง ⊃ ยาบ้า)', () => {
    expect(findSensitiveTerms('ไปรับยาเบาหวานที่ศูนย์บริการสาธารณสุขทุกเดือน ได้ยาบ้างไม่ได้บ้าง ต้องไปซื้อเอง')).toEqual([]);
  });

  it.each([
    'คนขับแท็กซี่เรียกเงินเกินมิเตอร์ ไม่ยอมกดมิเตอร์',
    'กระเป๋ารถเมล์ทอนเงินไม่ครบ ได้เงินทอนขาดไปห้าบาท',
    'น้องไอซ์ลูกสาวข้างบ้านเปิดเพลงเสียงดังทุกคืน',
  ])('finds nothing in an everyday consumer complaint that shares words with a sensitive one: %s', (text) => {
    expect(findSensitiveTerms(text)).toEqual([]);
  });
});
