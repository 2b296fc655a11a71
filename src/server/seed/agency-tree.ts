/**
 * The seed agency network: the 1111 hub at the root, the 20 ministries, the
 * Interior Ministry's Damrongtham centres down to district level, the Bangkok
 * Metropolitan Administration with its 50 district offices, the Public
 * Health Ministry's provincial and district health offices, and the Royal
 * Thai Police — 1,995 agencies from the current DOPA data. Pure data;
 * inserting it is someone else's job.
 */
import type { AdminArea } from './admin-areas.ts';

export type AgencyKind =
  | 'hub'
  | 'ministry'
  | 'department'
  | 'province'
  | 'district'
  | 'local'
  | 'state_enterprise'
  | 'independent';

export interface AgencySeed {
  /** Short, stable, unique, lower-case ASCII with dashes. */
  code: string;
  parentCode: string | null;
  nameTh: string;
  nameEn: string;
  kind: AgencyKind;
  /** DOPA province / district codes the agency covers; empty for national bodies. */
  areaCodes: string[];
}

export const HUB_CODE = 'hub-1111';

/** Agencies the demo accounts belong to. */
export const DEMO_AGENCY_CODES = {
  hub: HUB_CODE,
  moph: 'moph-complaint',
  mophMinistry: 'moph',
  phichitHealth: 'pho-66',
  taphanHin: 'dho-6604',
  interior: 'moi',
  damrongtham: 'moi-damrongtham',
  phichitDamrongtham: 'dtc-p66',
  taphanHinDamrongtham: 'dtc-d6604',
  bangkokDamrongtham: 'dtc-p10',
  police: 'rtp',
  policeInspector: 'rtp-inspector',
  policeMetro: 'rtp-mpb',
  policeRegion6: 'rtp-region-6',
} as const;

const BANGKOK = '10';

interface MinistryDef {
  code: string;
  nameTh: string;
  nameEn: string;
}

/** The 20 ministries, in the order of the Thai government's official list. */
const MINISTRIES: readonly MinistryDef[] = [
  { code: 'opm', nameTh: 'สำนักนายกรัฐมนตรี', nameEn: 'Office of the Prime Minister' },
  { code: 'mod', nameTh: 'กระทรวงกลาโหม', nameEn: 'Ministry of Defence' },
  { code: 'mof', nameTh: 'กระทรวงการคลัง', nameEn: 'Ministry of Finance' },
  { code: 'mfa', nameTh: 'กระทรวงการต่างประเทศ', nameEn: 'Ministry of Foreign Affairs' },
  { code: 'mots', nameTh: 'กระทรวงการท่องเที่ยวและกีฬา', nameEn: 'Ministry of Tourism and Sports' },
  {
    code: 'm-society',
    nameTh: 'กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์',
    nameEn: 'Ministry of Social Development and Human Security',
  },
  {
    code: 'mhesi',
    nameTh: 'กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม',
    nameEn: 'Ministry of Higher Education, Science, Research and Innovation',
  },
  { code: 'moac', nameTh: 'กระทรวงเกษตรและสหกรณ์', nameEn: 'Ministry of Agriculture and Cooperatives' },
  { code: 'mot', nameTh: 'กระทรวงคมนาคม', nameEn: 'Ministry of Transport' },
  {
    code: 'mdes',
    nameTh: 'กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม',
    nameEn: 'Ministry of Digital Economy and Society',
  },
  {
    code: 'mnre',
    nameTh: 'กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม',
    nameEn: 'Ministry of Natural Resources and Environment',
  },
  { code: 'moen', nameTh: 'กระทรวงพลังงาน', nameEn: 'Ministry of Energy' },
  { code: 'moc', nameTh: 'กระทรวงพาณิชย์', nameEn: 'Ministry of Commerce' },
  { code: 'moi', nameTh: 'กระทรวงมหาดไทย', nameEn: 'Ministry of Interior' },
  { code: 'moj', nameTh: 'กระทรวงยุติธรรม', nameEn: 'Ministry of Justice' },
  { code: 'mol', nameTh: 'กระทรวงแรงงาน', nameEn: 'Ministry of Labour' },
  { code: 'm-culture', nameTh: 'กระทรวงวัฒนธรรม', nameEn: 'Ministry of Culture' },
  { code: 'moe', nameTh: 'กระทรวงศึกษาธิการ', nameEn: 'Ministry of Education' },
  { code: 'moph', nameTh: 'กระทรวงสาธารณสุข', nameEn: 'Ministry of Public Health' },
  { code: 'm-industry', nameTh: 'กระทรวงอุตสาหกรรม', nameEn: 'Ministry of Industry' },
];

/**
 * Provinces covered by each Provincial Police Region (ตำรวจภูธรภาค 1–9), by
 * DOPA province code. Together they cover every province except Bangkok,
 * which is the Metropolitan Police Bureau's.
 */
export const POLICE_REGION_PROVINCES: Readonly<Record<number, readonly string[]>> = {
  // Central: Samut Prakan, Nonthaburi, Pathum Thani, Ayutthaya, Ang Thong,
  // Lop Buri, Sing Buri, Chai Nat, Saraburi
  1: ['11', '12', '13', '14', '15', '16', '17', '18', '19'],
  // East: Chon Buri, Rayong, Chanthaburi, Trat, Chachoengsao, Prachin Buri,
  // Nakhon Nayok, Sa Kaeo
  2: ['20', '21', '22', '23', '24', '25', '26', '27'],
  // Lower north-east: Nakhon Ratchasima, Buri Ram, Surin, Si Sa Ket,
  // Ubon Ratchathani, Yasothon, Chaiyaphum, Amnat Charoen
  3: ['30', '31', '32', '33', '34', '35', '36', '37'],
  // Upper north-east: Bueng Kan, Nong Bua Lam Phu, Khon Kaen, Udon Thani,
  // Loei, Nong Khai, Maha Sarakham, Roi Et, Kalasin, Sakon Nakhon,
  // Nakhon Phanom, Mukdahan
  4: ['38', '39', '40', '41', '42', '43', '44', '45', '46', '47', '48', '49'],
  // Upper north: Chiang Mai, Lamphun, Lampang, Phrae, Nan, Phayao,
  // Chiang Rai, Mae Hong Son
  5: ['50', '51', '52', '54', '55', '56', '57', '58'],
  // Lower north: Uttaradit, Nakhon Sawan, Uthai Thani, Kamphaeng Phet, Tak,
  // Sukhothai, Phitsanulok, Phichit, Phetchabun
  6: ['53', '60', '61', '62', '63', '64', '65', '66', '67'],
  // West: Ratchaburi, Kanchanaburi, Suphan Buri, Nakhon Pathom,
  // Samut Sakhon, Samut Songkhram, Phetchaburi, Prachuap Khiri Khan
  7: ['70', '71', '72', '73', '74', '75', '76', '77'],
  // Upper south: Nakhon Si Thammarat, Krabi, Phang-nga, Phuket,
  // Surat Thani, Ranong, Chumphon
  8: ['80', '81', '82', '83', '84', '85', '86'],
  // Lower south: Songkhla, Satun, Trang, Phatthalung, Pattani, Yala,
  // Narathiwat
  9: ['90', '91', '92', '93', '94', '95', '96'],
};

/** Strips administrative prefixes and stray markers from a Thai district name. */
export function cleanDistrictNameTh(name: string): string {
  return name
    .replace(/\*/g, '')
    .trim()
    .replace(/^(กิ่งอำเภอ|อำเภอ|เขต)\s*/, '')
    .trim();
}

/** Strips administrative prefixes/suffixes and stray markers from an English district name. */
export function cleanDistrictNameEn(name: string): string {
  return name
    .replace(/\*/g, '')
    .trim()
    .replace(/^(King Amphoe|Amphoe|Khet)\s+/i, '')
    .replace(/\s+(District|Minor District)$/i, '')
    .trim();
}

interface DistrictInfo {
  code: string;
  provinceCode: string;
  nameTh: string;
  nameEn: string;
  /** Appended to the Thai agency name where the district name alone is ambiguous. */
  suffixTh: string;
  /** Appended to the English agency name where the district name alone is ambiguous. */
  suffixEn: string;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/**
 * Builds the seed agency tree from the administrative areas (only provinces
 * and districts are used). Parents always precede their children.
 */
export function buildAgencyTree(areas: AdminArea[]): AgencySeed[] {
  const provinces = areas.filter((a) => a.level === 'province');
  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
  if (!provinceByCode.has(BANGKOK)) throw new Error('buildAgencyTree: Bangkok (10) missing');

  // Districts outside Bangkok (Bangkok's khet have no district-level DTC or DHO).
  const rawDistricts = areas.filter(
    (a) => a.level === 'district' && a.parentCode !== null && a.parentCode !== BANGKOK,
  );
  const baseDistricts = rawDistricts.map((d) => {
    const provinceCode = d.parentCode ?? '';
    if (!provinceByCode.has(provinceCode)) {
      throw new Error(`buildAgencyTree: district ${d.code} has unknown province ${provinceCode}`);
    }
    return {
      code: d.code,
      provinceCode,
      nameTh: cleanDistrictNameTh(d.nameTh),
      nameEn: cleanDistrictNameEn(d.nameEn),
    };
  });
  // The same district name occurs in several provinces (e.g. เฉลิมพระเกียรติ in
  // five): name those agencies with their province as well.
  const thCounts = countBy(baseDistricts, (d) => d.nameTh);
  const enCounts = countBy(baseDistricts, (d) => d.nameEn);
  // Bangkok's khet, for the BMA's district offices. Kept out of the name counts
  // above: they are never named with a province.
  const bangkokDistricts = areas
    .filter((a) => a.level === 'district' && a.parentCode === BANGKOK)
    .map((d) => ({
      code: d.code,
      nameTh: cleanDistrictNameTh(d.nameTh),
      nameEn: cleanDistrictNameEn(d.nameEn),
    }));
  const districtsByProvince = new Map<string, DistrictInfo[]>();
  for (const d of baseDistricts) {
    const province = provinceByCode.get(d.provinceCode);
    if (!province) continue;
    const info: DistrictInfo = {
      ...d,
      suffixTh: (thCounts.get(d.nameTh) ?? 0) > 1 ? ` จังหวัด${province.nameTh}` : '',
      suffixEn: (enCounts.get(d.nameEn) ?? 0) > 1 ? `, ${province.nameEn}` : '',
    };
    const list = districtsByProvince.get(d.provinceCode) ?? [];
    list.push(info);
    districtsByProvince.set(d.provinceCode, list);
  }

  const out: AgencySeed[] = [];
  const push = (seed: AgencySeed): void => {
    out.push(seed);
  };

  // Root: the 1111 government complaint centre.
  push({
    code: HUB_CODE,
    parentCode: null,
    nameTh: 'ศูนย์บริการประชาชน สำนักงานปลัดสำนักนายกรัฐมนตรี (สายด่วน 1111)',
    nameEn:
      'Government Complaint Center 1111, Office of the Permanent Secretary, Office of the Prime Minister',
    kind: 'hub',
    areaCodes: [],
  });

  for (const m of MINISTRIES) {
    push({ ...m, parentCode: HUB_CODE, kind: 'ministry', areaCodes: [] });
  }

  // Ministry of Interior: Damrongtham centres.
  push({
    code: 'moi-damrongtham',
    parentCode: 'moi',
    nameTh: 'ศูนย์ดำรงธรรมกระทรวงมหาดไทย',
    nameEn: 'Damrongtham Center, Ministry of Interior',
    kind: 'department',
    areaCodes: [],
  });
  for (const p of provinces) {
    const isBangkok = p.code === BANGKOK;
    const provinceAgency = `dtc-p${p.code}`;
    push({
      code: provinceAgency,
      parentCode: 'moi-damrongtham',
      nameTh: isBangkok ? `ศูนย์ดำรงธรรม${p.nameTh}` : `ศูนย์ดำรงธรรมจังหวัด${p.nameTh}`,
      nameEn: isBangkok
        ? `Damrongtham Center, ${p.nameEn}`
        : `Damrongtham Center, ${p.nameEn} Province`,
      kind: 'province',
      areaCodes: [p.code],
    });
    for (const d of districtsByProvince.get(p.code) ?? []) {
      push({
        code: `dtc-d${d.code}`,
        parentCode: provinceAgency,
        nameTh: `ศูนย์ดำรงธรรมอำเภอ${d.nameTh}${d.suffixTh}`,
        nameEn: `Damrongtham Center, ${d.nameEn} District${d.suffixEn}`,
        kind: 'district',
        areaCodes: [d.code],
      });
    }
  }

  // Bangkok Metropolitan Administration (a local government overseen by the
  // Interior Ministry) and its district offices (สำนักงานเขต).
  push({
    code: 'bma',
    parentCode: 'moi',
    nameTh: 'กรุงเทพมหานคร',
    nameEn: 'Bangkok Metropolitan Administration',
    kind: 'local',
    areaCodes: [BANGKOK],
  });
  for (const d of bangkokDistricts) {
    push({
      code: `bma-d${d.code}`,
      parentCode: 'bma',
      nameTh: `สำนักงานเขต${d.nameTh}`,
      nameEn: `${d.nameEn} District Office`,
      kind: 'local',
      areaCodes: [d.code],
    });
  }

  // Ministry of Public Health: provincial and district health offices.
  push({
    code: 'moph-complaint',
    parentCode: 'moph',
    nameTh: 'ศูนย์รับเรื่องร้องเรียน สำนักงานปลัดกระทรวงสาธารณสุข',
    nameEn: 'Complaint Center, Office of the Permanent Secretary, Ministry of Public Health',
    kind: 'department',
    areaCodes: [],
  });
  for (const p of provinces) {
    if (p.code === BANGKOK) continue; // Bangkok's health services are the BMA's.
    const provinceAgency = `pho-${p.code}`;
    push({
      code: provinceAgency,
      parentCode: 'moph-complaint',
      nameTh: `สำนักงานสาธารณสุขจังหวัด${p.nameTh}`,
      nameEn: `Provincial Public Health Office, ${p.nameEn}`,
      kind: 'province',
      areaCodes: [p.code],
    });
    for (const d of districtsByProvince.get(p.code) ?? []) {
      push({
        code: `dho-${d.code}`,
        parentCode: provinceAgency,
        nameTh: `สำนักงานสาธารณสุขอำเภอ${d.nameTh}${d.suffixTh}`,
        nameEn: `District Public Health Office, ${d.nameEn}${d.suffixEn}`,
        kind: 'district',
        areaCodes: [d.code],
      });
    }
  }

  // Royal Thai Police: under no ministry, so directly under the hub.
  push({
    code: 'rtp',
    parentCode: HUB_CODE,
    nameTh: 'สำนักงานตำรวจแห่งชาติ',
    nameEn: 'Royal Thai Police',
    kind: 'independent',
    areaCodes: [],
  });
  push({
    code: 'rtp-inspector',
    parentCode: 'rtp',
    nameTh: 'สำนักงานจเรตำรวจ',
    nameEn: 'Office of the Inspector General, Royal Thai Police',
    kind: 'department',
    areaCodes: [],
  });
  push({
    code: 'rtp-mpb',
    parentCode: 'rtp',
    nameTh: 'กองบัญชาการตำรวจนครบาล',
    nameEn: 'Metropolitan Police Bureau',
    kind: 'department',
    areaCodes: [BANGKOK],
  });
  for (let region = 1; region <= 9; region++) {
    const covered = (POLICE_REGION_PROVINCES[region] ?? []).filter((c) => provinceByCode.has(c));
    push({
      code: `rtp-region-${region}`,
      parentCode: 'rtp',
      nameTh: `ตำรวจภูธรภาค ${region}`,
      nameEn: `Provincial Police Region ${region}`,
      kind: 'department',
      areaCodes: covered,
    });
  }

  assertWellFormed(out);
  return out;
}

const CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Throws unless codes are well-formed and unique, there is one root, and parents precede children. */
function assertWellFormed(seeds: readonly AgencySeed[]): void {
  const seen = new Set<string>();
  let roots = 0;
  for (const s of seeds) {
    if (!CODE_PATTERN.test(s.code) || s.code.length > 32) {
      throw new Error(`agency code not short lower-case ASCII with dashes: ${s.code}`);
    }
    if (seen.has(s.code)) throw new Error(`duplicate agency code ${s.code}`);
    if (s.parentCode === null) roots++;
    else if (!seen.has(s.parentCode)) {
      throw new Error(`agency ${s.code}: parent ${s.parentCode} missing or listed after it`);
    }
    seen.add(s.code);
  }
  if (roots !== 1) throw new Error(`expected exactly one root agency, found ${roots}`);
}
