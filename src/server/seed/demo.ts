/**
 * Demo data for `npm start` and `rongthuk seed`: the real agency network, eight demo accounts
 * (password `rongthuk-demo`) and a few cases in every stage. Only into an empty database:
 * a production install never gets demo accounts unless someone runs the seed on purpose.
 */
import { countAgencies, findLoginCredentialsOf, findUserByUsername, insertAgencies, insertUser } from '../agencies/queries.ts';
import { listAgencyChannels } from '../agencies/channel-queries.ts';
import { createChannel } from '../agencies/channels.ts';
import { hashPassword, verifyPassword } from '../agencies/passwords.ts';
import type { AuthUser } from '../agencies/sessions.ts';
import { actOnCase } from '../cases/commands/act-on-case.ts';
import { createCase, type ComplaintInput } from '../cases/commands/create-case.ts';
import type { AppContext } from '../platform/context.ts';
import type { CaseAction } from '../../shared/case-model.ts';
import type { ActionBodies } from '../../shared/api/case-actions.ts';
import type { NewAgencyChannel } from '../../shared/api/channels.ts';
import { createRule, type RuleInput } from '../triage/routing-rules.ts';
import { watchSurges } from '../dashboard/surge-watch.ts';
import { loadAdminAreas } from './admin-areas.ts';
import { buildAgencyTree, DEMO_AGENCY_CODES } from './agency-tree.ts';

export const DEMO_PASSWORD = 'rongthuk-demo';

export const DEMO_ACCOUNTS = [
  // Display names are people's names: the console shows each person's agency beside it.
  { username: 'admin', displayName: 'ธนากร ดูแลระบบ', role: 'system_admin', agencyCode: DEMO_AGENCY_CODES.hub },
  { username: 'hub.intake', displayName: 'สมศรี รับเรื่อง', role: 'intake_officer', agencyCode: DEMO_AGENCY_CODES.hub },
  { username: 'moph.officer', displayName: 'วิชัย ใจดี', role: 'case_officer', agencyCode: DEMO_AGENCY_CODES.moph },
  { username: 'taphanhin.officer', displayName: 'มาลี ตั้งใจ', role: 'case_officer', agencyCode: DEMO_AGENCY_CODES.taphanHin },
  { username: 'interior.cceo', displayName: 'ประเสริฐ บริหารดี', role: 'cceo', agencyCode: DEMO_AGENCY_CODES.interior },
  // The police route: จเรตำรวจ (the Inspector General) sends police matters on and follows them.
  { username: 'police.ig', displayName: 'ณัฐพล เที่ยงธรรม', role: 'case_officer', agencyCode: DEMO_AGENCY_CODES.policeInspector },
  { username: 'police.mpb', displayName: 'อนุชา พิทักษ์ราษฎร์', role: 'case_officer', agencyCode: DEMO_AGENCY_CODES.policeMetro },
  { username: 'police.region6', displayName: 'สุริยา คงมั่น', role: 'case_officer', agencyCode: DEMO_AGENCY_CODES.policeRegion6 },
] as const;

/**
 * The demo accounts that still sign in with the published password: while there is one,
 * anybody who can reach the server can sign in (serve then listens on loopback only).
 */
export async function demoAccountsWithPublishedPassword(ctx: AppContext): Promise<string[]> {
  const accounts = await findLoginCredentialsOf(
    ctx.db,
    DEMO_ACCOUNTS.map((account) => account.username),
  );
  const open = await Promise.all(accounts.map(async (account) => ((await verifyPassword(account.passwordHash, DEMO_PASSWORD)) ? account.username : null)));
  return open.filter((username) => username !== null);
}

/** True when the database has no agencies yet. */
export async function isEmptyInstallation(ctx: AppContext): Promise<boolean> {
  return (await countAgencies(ctx.db)) === 0;
}

export async function seedDemoData(ctx: AppContext): Promise<{ agencies: number; users: number; channels: number; cases: number }> {
  const tree = buildAgencyTree(loadAdminAreas());
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ctx.db.transaction(async (tx) => {
    await insertAgencies(tx, tree);
    for (const account of DEMO_ACCOUNTS) await insertUser(tx, { ...account, passwordHash });
  });
  await seedDemoRoutingRules(ctx);
  const channels = await seedDemoChannels(ctx);
  const cases = (await seedDemoCases(ctx)) + (await seedDemoSurge(ctx));
  return { agencies: tree.length, users: DEMO_ACCOUNTS.length, channels, cases };
}

/** Where the demo's flooding happened (ลาดพร้าว, Bangkok), in the words of its complainants. */
const FLOODED_STREETS = ['ลาดพร้าว 71', 'ลาดพร้าว 64', 'ลาดพร้าว 80', 'โชคชัย 4', 'ลาดพร้าว 87', 'ลาดพร้าว 101'];

/**
 * น้ำท่วมขัง after a week of heavy rain in Lat Phrao: a dozen similar complaints filed on the web in
 * five days, routed by the Bangkok rules to the district office. The surge watch then finds the
 * surge and tells the Interior CCEO, and the dashboard shows it with its hotspot.
 */
async function seedDemoSurge(ctx: AppContext): Promise<number> {
  const count = 12;
  const intake = await demoUser(ctx, 'hub.intake');
  for (let i = 0; i < count; i += 1) {
    const street = FLOODED_STREETS[i % FLOODED_STREETS.length] ?? 'ลาดพร้าว';
    const created = await createCase(ctx, {
      input: {
        channel: 'web',
        receivedAt: new Date(ctx.now().getTime() - (i % 5) * 86_400_000 - (i + 1) * 3_600_000),
        description: `น้ำท่วมขังซอย${street} ทุกครั้งที่ฝนตกหนัก ท่อระบายน้ำอุดตัน รถจักรยานยนต์ผ่านไม่ได้ ขอให้ลอกท่อระบายน้ำ`,
        categoryCode: 'flood',
        location: { provinceCode: '10', districtCode: '1038', address: `ซอย${street}` },
        anonymous: true,
        confidential: false,
      },
    });
    // The hub screens each and sends it to the district office (the machine would hold such alike
    // complaints for a person anyway, as possible duplicates).
    if (created.status === 'received') await actOnCase(ctx, { user: intake, caseId: created.id, action: 'screen', body: {} });
    await actOnCase(ctx, { user: intake, caseId: created.id, action: 'assign', body: { agencyCode: 'bma-d1038', reason: 'น้ำท่วมขังในพื้นที่เขตลาดพร้าว' } });
  }
  await watchSurges(ctx);
  return count;
}

/**
 * ช่องทางรับเรื่องร้องเรียน of a few demo agencies: the 1111 hub's hotline, web, LINE and post
 * box; the Taphan Hin district health office's own number, counter, suggestion box, Facebook
 * page and address (its phone complaints are "โทรศัพท์ 0 5662 2353", not the 1111 hotline);
 * Phichit's Damrongtham centre's 1567 hotline and counter.
 */
export const DEMO_CHANNELS: ReadonlyArray<{ agencyCode: string; channels: readonly NewAgencyChannel[] }> = [
  {
    agencyCode: DEMO_AGENCY_CODES.hub,
    channels: [
      { kind: 'hotline', labelTh: 'สายด่วน 1111', labelEn: '1111 hotline', phone: '1111', openingHours: 'ตลอด 24 ชั่วโมง', position: 1 },
      { kind: 'web', labelTh: 'เว็บไซต์ 1111.go.th', labelEn: 'Website 1111.go.th', webUrl: 'https://www.1111.go.th', openingHours: 'ตลอด 24 ชั่วโมง', position: 2 },
      { kind: 'line', labelTh: 'LINE @1111', lineId: '@1111', position: 3 },
      {
        kind: 'post',
        labelTh: 'ตู้ ปณ. 1111',
        labelEn: 'P.O. Box 1111',
        postalAddress: 'ศูนย์บริการประชาชน สำนักงานปลัดสำนักนายกรัฐมนตรี\nตู้ ปณ. 1111 ปณฝ. ทำเนียบรัฐบาล กรุงเทพมหานคร 10300',
        position: 4,
      },
    ],
  },
  {
    agencyCode: DEMO_AGENCY_CODES.taphanHin,
    channels: [
      { kind: 'hotline', labelTh: 'โทรศัพท์ 0 5662 2353', labelEn: 'Telephone 0 5662 2353', phone: '0 5662 2353', openingHours: 'จันทร์–ศุกร์ 08.30–16.30 น. เว้นวันหยุดราชการ', position: 1 },
      { kind: 'counter', labelTh: 'ยื่นด้วยตนเองที่สำนักงาน', labelEn: 'In person at the office', location: 'สำนักงานสาธารณสุขอำเภอตะพานหิน ชั้น 1 งานธุรการ', openingHours: 'จันทร์–ศุกร์ 08.30–16.30 น. เว้นวันหยุดราชการ', position: 2 },
      { kind: 'suggestion_box', labelTh: 'ตู้รับความคิดเห็นหน้าสำนักงาน', labelEn: 'Suggestion box', location: 'หน้าอาคารสำนักงานสาธารณสุขอำเภอตะพานหิน', openingHours: 'เปิดตู้ทุกวันศุกร์', position: 3 },
      { kind: 'facebook', labelTh: 'เพจ Facebook สสอ.ตะพานหิน', labelEn: 'Facebook page', facebookUrl: 'https://www.facebook.com/TaphanHinDHO', position: 4 },
      { kind: 'post', labelTh: 'ไปรษณีย์', labelEn: 'Post', postalAddress: 'สำนักงานสาธารณสุขอำเภอตะพานหิน\nอำเภอตะพานหิน จังหวัดพิจิตร 66110', position: 5 },
    ],
  },
  {
    agencyCode: DEMO_AGENCY_CODES.phichitDamrongtham,
    channels: [
      { kind: 'hotline', labelTh: 'สายด่วนศูนย์ดำรงธรรม 1567', labelEn: 'Damrongtham hotline 1567', phone: '1567', openingHours: 'ตลอด 24 ชั่วโมง', position: 1 },
      { kind: 'counter', labelTh: 'ยื่นด้วยตนเองที่ศูนย์ดำรงธรรม', labelEn: 'In person', location: 'ศาลากลางจังหวัดพิจิตร ชั้น 1', openingHours: 'จันทร์–ศุกร์ 08.30–16.30 น.', position: 2 },
    ],
  },
];

async function seedDemoChannels(ctx: AppContext): Promise<number> {
  const admin = await demoUser(ctx, 'admin');
  let count = 0;
  for (const { agencyCode, channels } of DEMO_CHANNELS) {
    for (const input of channels) {
      await createChannel(ctx, { user: admin, agencyCode, input });
      count += 1;
    }
  }
  return count;
}

/**
 * กฎการส่งต่อ of the demo: Bangkok city matters go to the district office (เขต) where they
 * happened; health services are suggested to the provincial health office, and police matters
 * (traffic, threats, drugs) to the police's Office of the Inspector General (สำนักงานจเรตำรวจ),
 * which sends each on to the Metropolitan Police Bureau or a provincial region and follows it;
 * a person decides.
 */
export const DEMO_ROUTING_RULES: readonly RuleInput[] = [
  ...['road', 'sidewalk', 'lighting', 'drainage', 'flood', 'waste', 'trees', 'obstruction', 'canal'].map(
    (categoryCode): RuleInput => ({ categoryCode, areaCode: '10', agencyCode: 'bma', target: 'district_office', automatic: true, note: 'สำนักงานเขตในพื้นที่' }),
  ),
  // A suggestion only in the demo, whose health cases show people routing them by hand.
  { categoryCode: 'health-service', areaCode: null, agencyCode: 'moph-complaint', target: 'province_office', automatic: false, note: 'สำนักงานสาธารณสุขจังหวัด' },
  // Not automatic: traffic lights and road markings are the local authority's, not the police's.
  { categoryCode: 'traffic', areaCode: null, agencyCode: DEMO_AGENCY_CODES.policeInspector, target: 'agency', automatic: false, note: 'สำนักงานจเรตำรวจส่งต่อ บช.น. หรือตำรวจภูธรภาค' },
  // Sensitive categories: a person always decides (routing-rules.ts refuses an automatic rule for them).
  ...['threat-to-safety', 'drugs'].map(
    (categoryCode): RuleInput => ({ categoryCode, areaCode: null, agencyCode: DEMO_AGENCY_CODES.policeInspector, target: 'agency', automatic: false, note: 'ให้เจ้าหน้าที่พิจารณาเสมอ' }),
  ),
];

async function seedDemoRoutingRules(ctx: AppContext): Promise<void> {
  const admin = await demoUser(ctx, 'admin');
  for (const rule of DEMO_ROUTING_RULES) await createRule(ctx, admin, rule);
}

async function demoUser(ctx: AppContext, username: string): Promise<AuthUser> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user) throw new Error(`demo user ${username} is missing`);
  return { ...user, sessionTokenHash: '' };
}

const daysAgo = (ctx: AppContext, days: number) => new Date(ctx.now().getTime() - days * 86_400_000);

interface DemoCase {
  input: ComplaintInput;
  by?: string;
  steps?: Array<[string, CaseAction, Record<string, unknown>]>;
}

async function seedDemoCases(ctx: AppContext): Promise<number> {
  const demoCases: DemoCase[] = [
    {
      input: {
        channel: 'web',
        title: 'ถนนเป็นหลุมลึกหน้าปากซอย',
        description: 'ถนนหน้าปากซอยลาดพร้าว 71 เป็นหลุมลึกหลายจุด กลางคืนมืดมาก รถจักรยานยนต์ล้มไปแล้วสองคัน ขอให้ซ่อมโดยด่วนครับ',
        categoryCode: 'road',
        location: { provinceCode: '10', districtCode: '1038', address: 'ปากซอยลาดพร้าว 71' },
        complainant: { name: 'สมชาย ทดสอบ', phone: '081-234-5678' },
        anonymous: false,
        confidential: false,
      },
    },
    {
      input: {
        channel: 'mobile_app',
        description: 'ไฟส่องสว่างริมถนนดับทั้งแนวตั้งแต่หน้าวัดถึงตลาดมาหนึ่งสัปดาห์แล้ว ผู้หญิงเดินกลับบ้านตอนค่ำรู้สึกไม่ปลอดภัย',
        categoryCode: 'lighting',
        location: { provinceCode: '66', districtCode: '6604' },
        anonymous: true,
        confidential: false,
      },
    },
    {
      by: 'hub.intake',
      input: {
        channel: 'hotline',
        receivedAt: daysAgo(ctx, 6),
        title: 'รอคิวที่ รพ.สต. นานเกินไป',
        description: 'ผู้ร้องโทรแจ้งว่าพาแม่ไปรับยาที่โรงพยาบาลส่งเสริมสุขภาพตำบลในอำเภอตะพานหิน รอคิวนานกว่าสี่ชั่วโมง เจ้าหน้าที่พูดจาไม่สุภาพ',
        categoryCode: 'health-service',
        location: { provinceCode: '66', districtCode: '6604' },
        complainant: { name: 'บุญมี ใจซื่อ', phone: '0891112222' },
        anonymous: false,
        confidential: false,
      },
      steps: [
        ['hub.intake', 'screen', {}],
        ['hub.intake', 'assign', { agencyCode: DEMO_AGENCY_CODES.moph }],
        ['moph.officer', 'accept', {}],
        ['moph.officer', 'forward', { agencyCode: DEMO_AGENCY_CODES.taphanHin, reason: 'อยู่ในพื้นที่รับผิดชอบของ สสอ.ตะพานหิน' }],
        ['taphanhin.officer', 'accept', {}],
        ['taphanhin.officer', 'note', { message: 'ประสานผู้อำนวยการ รพ.สต. แล้ว นัดตรวจสอบระบบคิวสัปดาห์หน้า' }],
        ['taphanhin.officer', 'reply', { message: 'หน่วยงานได้รับเรื่องแล้ว อยู่ระหว่างตรวจสอบระบบคิวและการให้บริการของ รพ.สต.' }],
      ],
    },
    {
      by: 'hub.intake',
      input: {
        channel: 'counter',
        receivedAt: daysAgo(ctx, 25),
        description: 'ร้องเรียนว่ามีการเรียกรับเงินเพื่อเร่งออกใบอนุญาต ผู้ร้องขอให้ปกปิดชื่อเพราะกลัวถูกกลั่นแกล้ง',
        categoryCode: 'corruption',
        complainant: { name: 'ผู้ร้องขอปกปิด', phone: '0823334444' },
        anonymous: false,
        confidential: true,
      },
      steps: [['hub.intake', 'screen', {}]],
    },
    {
      by: 'hub.intake',
      input: {
        channel: 'post',
        receivedAt: daysAgo(ctx, 30),
        description: 'จดหมายร้องเรียนเรื่องกลิ่นเหม็นจากกองขยะข้างตลาดสดเทศบาล ไม่มีการเก็บขยะมาสองสัปดาห์',
        categoryCode: 'waste',
        location: { provinceCode: '66', districtCode: '6601' },
        anonymous: true,
        confidential: false,
      },
      steps: [
        ['hub.intake', 'screen', {}],
        ['hub.intake', 'assign', { agencyCode: DEMO_AGENCY_CODES.phichitDamrongtham }],
      ],
    },
    {
      by: 'hub.intake',
      input: {
        channel: 'hotline',
        receivedAt: daysAgo(ctx, 12),
        description: 'ขอให้ตรวจสอบการฉีดวัคซีนของเด็กที่ รพ.สต. เนื่องจากไม่ได้รับแจ้งนัดหมาย ต้องการทราบกำหนดการฉีดครั้งถัดไป',
        categoryCode: 'health-service',
        location: { provinceCode: '66', districtCode: '6604' },
        complainant: { name: 'สมหญิง รักลูก', phone: '0865556666' },
        anonymous: false,
        confidential: false,
      },
      steps: [
        ['hub.intake', 'assign', { agencyCode: DEMO_AGENCY_CODES.taphanHin }],
        ['taphanhin.officer', 'accept', {}],
        ['taphanhin.officer', 'resolve', { result: 'explained', message: 'ได้แจ้งกำหนดการฉีดวัคซีนครั้งถัดไปให้ผู้ร้องทราบทางโทรศัพท์แล้ว และปรับระบบแจ้งเตือนนัดหมาย' }],
      ],
    },
    {
      // Taken by the Taphan Hin office on its own number ("โทรศัพท์ 0 5662 2353"), not through 1111.
      by: 'taphanhin.officer',
      input: {
        channel: 'hotline',
        receivedAt: daysAgo(ctx, 2),
        description: 'ผู้ร้องโทรมาที่สำนักงานแจ้งว่าร้านชำในหมู่บ้านขายยาอันตรายโดยไม่มีเภสัชกร ขอให้ตรวจสอบ',
        categoryCode: 'health-service',
        location: { provinceCode: '66', districtCode: '6604' },
        anonymous: true,
        confidential: false,
      },
      steps: [['taphanhin.officer', 'accept', {}]],
    },
    {
      // The police route: the hub sends a police matter to the Inspector General (จเรตำรวจ), which
      // forwards it to the region where it happened and follows it; the region reports the result.
      by: 'hub.intake',
      input: {
        channel: 'hotline',
        receivedAt: daysAgo(ctx, 9),
        title: 'แข่งรถจักรยานยนต์บนถนนสายหลักทุกคืน',
        description: 'กลุ่มวัยรุ่นรวมตัวแข่งรถจักรยานยนต์บนถนนสายหลักในอำเภอตะพานหินทุกคืนวันศุกร์และวันเสาร์ เสียงดังมากและเคยเกิดอุบัติเหตุแล้ว ขอให้ตำรวจตั้งจุดตรวจ',
        categoryCode: 'traffic',
        location: { provinceCode: '66', districtCode: '6604' },
        complainant: { name: 'ประสิทธิ์ รักสงบ', phone: '0877778888' },
        anonymous: false,
        confidential: false,
      },
      steps: [
        ['hub.intake', 'screen', {}],
        ['hub.intake', 'assign', { agencyCode: DEMO_AGENCY_CODES.policeInspector, reason: 'เป็นเรื่องของตำรวจ ส่งสำนักงานจเรตำรวจ' }],
        ['police.ig', 'forward', { agencyCode: DEMO_AGENCY_CODES.policeRegion6, reason: 'เหตุเกิดในจังหวัดพิจิตร พื้นที่รับผิดชอบของตำรวจภูธรภาค 6' }],
        ['police.region6', 'accept', {}],
        ['police.region6', 'resolve', { result: 'fixed', message: 'สถานีตำรวจภูธรตะพานหินตั้งจุดตรวจและเพิ่มสายตรวจคืนวันศุกร์และวันเสาร์แล้ว ไม่พบการรวมกลุ่มแข่งรถอีก' }],
      ],
    },
    {
      // The same route to the Metropolitan Police Bureau, still in its hands: the Inspector General follows it.
      by: 'hub.intake',
      input: {
        channel: 'hotline',
        receivedAt: daysAgo(ctx, 4),
        description: 'ซอยประชาราษฎร์บำเพ็ญเปลี่ยวและมืด มีคนขับรถจักรยานยนต์วิ่งราวกระเป๋าผู้หญิงที่เดินกลับบ้านตอนค่ำหลายครั้งในเดือนนี้ ขอให้เพิ่มสายตรวจ',
        categoryCode: 'safety',
        location: { provinceCode: '10', districtCode: '1017', address: 'ซอยประชาราษฎร์บำเพ็ญ' },
        complainant: { name: 'วิภา ปลอดภัย', phone: '0891234567' },
        anonymous: false,
        confidential: false,
      },
      steps: [
        ['hub.intake', 'screen', {}],
        ['hub.intake', 'assign', { agencyCode: DEMO_AGENCY_CODES.policeInspector, reason: 'เป็นเรื่องของตำรวจ ส่งสำนักงานจเรตำรวจ' }],
        ['police.ig', 'forward', { agencyCode: DEMO_AGENCY_CODES.policeMetro, reason: 'เหตุเกิดในกรุงเทพมหานคร พื้นที่รับผิดชอบของกองบัญชาการตำรวจนครบาล' }],
        ['police.mpb', 'accept', {}],
      ],
    },
    {
      // The same pothole again from someone else: linked as a possible duplicate for screening.
      input: {
        channel: 'mobile_app',
        description: 'ถนนปากซอยลาดพร้าว 71 เป็นหลุมลึกหลายจุด รถจักรยานยนต์ล้ม ขอให้ซ่อมถนนด่วน',
        location: { provinceCode: '10', districtCode: '1038', address: 'ซอยลาดพร้าว 71' },
        anonymous: true,
        confidential: false,
      },
    },
    {
      // ยาเสพติด: never routed by the machine; suggested to จเรตำรวจ for a person to decide.
      input: {
        channel: 'hotline',
        description: 'มีวัยรุ่นมั่วสุมขายยาบ้าในห้องเช่าท้ายซอยทุกคืน ผู้ร้องไม่ประสงค์ออกนาม',
        location: { provinceCode: '10', districtCode: '1038' },
        anonymous: true,
        confidential: false,
      },
      by: 'hub.intake',
    },
    {
      input: {
        channel: 'web',
        description: 'ทดสอบ ทดสอบ ทดสอบระบบ ไม่ใช่เรื่องร้องเรียนจริง',
        anonymous: true,
        confidential: false,
      },
      steps: [['hub.intake', 'reject', { reason: 'ไม่ใช่เรื่องร้องเรียน (ข้อความทดสอบ)' }]],
    },
  ];

  for (const demo of demoCases) {
    const recordedBy = demo.by ? await demoUser(ctx, demo.by) : undefined;
    // Staff name their agency's channel of the kind that took the complaint in, where it lists one.
    const agencyChannelId = recordedBy ? (await listAgencyChannels(ctx.db, recordedBy.agencyId, { withInactive: false })).find((channel) => channel.kind === demo.input.channel)?.id : undefined;
    const created = await createCase(ctx, { input: { ...demo.input, agencyChannelId }, recordedBy });
    for (const [username, action, body] of demo.steps ?? []) {
      await actOnCase(ctx, { user: await demoUser(ctx, username), caseId: created.id, action, body: body as ActionBodies[CaseAction] });
    }
  }
  return demoCases.length;
}
