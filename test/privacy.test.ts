/**
 * Personal data: redacted in staff views and exports, the identity kept encrypted apart and
 * revealed only to those the policy allows, every reveal and export in the audit log.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachApp, type TestApp } from './support/app.ts';
import type { Identity, CaseDetail, ErrorBody } from '../src/shared/api/index.ts';

/** A national ID with a valid check digit: sum of digit[i] × (13 − i) over the first 12. */
function validNationalId(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return `${first12}${(11 - (sum % 11)) % 10}`;
}

/** Rows of an RFC 4180 CSV text (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const NATIONAL_ID = validNationalId('310060023456');
const PHONE = '0812345678';
const EMAIL = 'somchai.j@example.com';
const DESCRIPTION = `ขอร้องเรียนเจ้าหน้าที่โรงพยาบาล เลขประจำตัว ${NATIONAL_ID} โทร 081-234-5678 หรืออีเมล ${EMAIL} บ้านเลขที่ 45 หมู่ 3`;
const COMPLAINANT = { name: 'สมชาย ใจดี', nationalId: NATIONAL_ID, phone: PHONE, email: EMAIL };
const SECRETS = [NATIONAL_ID, PHONE, '081-234-5678', EMAIL, 'สมชาย'];

const USERS = ['hub.intake', 'hub.supervisor', 'moph.officer', 'moph.supervisor', 'moph.cceo', 'pho66.officer', 'taphanhin.officer', 'rtp.officer'];

type Filed = Awaited<ReturnType<TestApp['fileComplaint']>>;

describeEachApp('privacy', (t) => {
  beforeAll(async () => {
    for (const user of USERS) await t.tokenFor(user);
  });

  const getCase = (id: string, as?: string) => t.request({ method: 'GET', url: `/api/v1/cases/${id}`, ...(as ? { as } : {}) });
  const getIdentity = (id: string, as?: string) => t.request({ method: 'POST', url: `/api/v1/cases/${id}/identity`, ...(as ? { as } : {}) });
  const exportCsv = (query: string, as?: string) => t.request({ method: 'GET', url: `/api/v1/cases/export${query ? `?${query}` : ''}`, ...(as ? { as } : {}) });

  async function auditCount(action: string): Promise<number> {
    const [row] = await t.db().query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action]);
    return row?.n ?? -1;
  }

  /** A complaint with an identity and personal data in its text, handed to `agencyCode`. */
  async function fileWithIdentity(agencyCode: string | null, overrides: Record<string, unknown> = {}): Promise<Filed> {
    const filed = await t.fileComplaint({ description: DESCRIPTION, categoryCode: 'health-service', complainant: COMPLAINANT, ...overrides });
    if (agencyCode) await t.act('hub.intake', filed.id, 'assign', { agencyCode });
    return filed;
  }

  const expectNoSecrets = (response: LightMyRequestResponse, label: string) => {
    for (const secret of SECRETS) expect(response.body, `${label}: ${secret}`).not.toContain(secret);
  };

  describe('GET /api/v1/cases/{id}', () => {
    it('answers 401, 400 and 404 before showing anything', async () => {
      const filed = await fileWithIdentity(null);
      expect((await getCase(filed.id)).statusCode).toBe(401);
      expect((await getCase('nope', 'hub.intake')).statusCode).toBe(400);
      expect((await getCase('8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d', 'hub.intake')).statusCode).toBe(404);
    });

    it('shows the description with national ID, phone and e-mail redacted, to every role', async () => {
      const filed = await fileWithIdentity('dho-6604');
      for (const user of ['hub.intake', 'hub.supervisor', 'moph.cceo', 'taphanhin.officer']) {
        const response = await getCase(filed.id, user);
        expect(response.statusCode, user).toBe(200);
        expectNoSecrets(response, user);
        const description = response.json<CaseDetail>().description;
        expect(description).toContain('[เลขประจำตัวประชาชน]');
        expect(description).toContain('[หมายเลขโทรศัพท์]');
        expect(description).toContain('[อีเมล]');
        expect(description).toContain('บ้านเลขที่ 45 หมู่ 3');
      }
    });

    it('redacts personal data in notes and replies on the timeline', async () => {
      const filed = await fileWithIdentity('dho-6604');
      await t.act('taphanhin.officer', filed.id, 'accept');
      await t.act('taphanhin.officer', filed.id, 'note', { message: `โทรคุยกับผู้ร้องที่ ${PHONE} แล้ว` });
      await t.act('taphanhin.officer', filed.id, 'reply', { message: `ส่งเอกสารไปที่ ${EMAIL} แล้ว` });
      const response = await getCase(filed.id, 'moph.officer');
      expectNoSecrets(response, 'timeline');
      const timeline = response.json<CaseDetail>().timeline;
      expect(timeline.find((event) => event.type === 'note')?.message).toBe('โทรคุยกับผู้ร้องที่ [หมายเลขโทรศัพท์] แล้ว');
      expect(timeline.find((event) => event.type === 'reply')?.message).toBe('ส่งเอกสารไปที่ [อีเมล] แล้ว');
    });

    it('says whether an identity is on file and whether this user may reveal it', async () => {
      const filed = await fileWithIdentity('dho-6604');
      const complainantOf = async (user: string) => (await getCase(filed.id, user)).json<CaseDetail>().complainant;
      expect(await complainantOf('hub.intake')).toEqual({ present: true, visible: true });
      expect(await complainantOf('taphanhin.officer')).toEqual({ present: true, visible: true });
      expect(await complainantOf('moph.cceo')).toEqual({ present: true, visible: false });
      expect(await complainantOf('pho66.officer')).toEqual({ present: true, visible: false });

      const anonymous = await t.fileComplaint({ description: 'มีการเรียกรับเงินใต้โต๊ะที่จุดตรวจ', anonymous: true });
      const view = (await getCase(anonymous.id, 'hub.intake')).json<CaseDetail>();
      expect(view.anonymous).toBe(true);
      expect(view.complainant).toEqual({ present: false, visible: false });
    });

    it('shows a confidential complainant as hidden to the handling agencies', async () => {
      const filed = await fileWithIdentity('dho-6604', { confidential: true });
      const complainantOf = async (user: string) => (await getCase(filed.id, user)).json<CaseDetail>();
      expect(await complainantOf('taphanhin.officer')).toMatchObject({ confidential: true, complainant: { present: true, visible: false } });
      expect(await complainantOf('moph.supervisor')).toMatchObject({ complainant: { present: true, visible: false } });
      expect(await complainantOf('hub.intake')).toMatchObject({ complainant: { present: true, visible: true } });
      const permissions = (await getCase(filed.id, 'taphanhin.officer')).json<CaseDetail>().permissions;
      expect(permissions).not.toContain('view_identity');
    });
  });

  describe('POST /api/v1/cases/{id}/identity', () => {
    it('answers 401 without sign-in and 400 to a malformed id', async () => {
      const filed = await fileWithIdentity(null);
      expect((await getIdentity(filed.id)).statusCode).toBe(401);
      expect((await getIdentity('12345', 'hub.intake')).statusCode).toBe(400);
    });

    it('answers 404 to an unknown case and to a case outside the scope', async () => {
      const filed = await fileWithIdentity('dho-6604');
      expect((await getIdentity('8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d', 'hub.intake')).statusCode).toBe(404);
      const outside = await getIdentity(filed.id, 'rtp.officer');
      expect(outside.statusCode).toBe(404);
      expectNoSecrets(outside, 'outside');
    });

    it('answers 403 to a CCEO and writes no identity.view record', async () => {
      const filed = await fileWithIdentity('moph-complaint');
      const before = await auditCount('identity.view');
      const response = await getIdentity(filed.id, 'moph.cceo');
      expect(response.statusCode).toBe(403);
      expect(response.json<ErrorBody>().error.code).toBe('forbidden');
      expectNoSecrets(response, 'cceo');
      expect(await auditCount('identity.view')).toBe(before);
    });

    it('answers 403 to a case officer of an agency above the holder', async () => {
      const filed = await fileWithIdentity('dho-6604');
      expect((await getIdentity(filed.id, 'pho66.officer')).statusCode).toBe(403);
    });

    it('gives an allowed user the identity and the unredacted text, and audits the reveal', async () => {
      const filed = await fileWithIdentity('dho-6604');
      const before = await auditCount('identity.view');
      const response = await getIdentity(filed.id, 'taphanhin.officer');
      expect(response.statusCode).toBe(200);
      const identity = response.json<Identity>();
      expect(identity).toEqual({ caseId: filed.id, anonymous: false, complainant: COMPLAINANT, title: null, description: DESCRIPTION });

      expect(await auditCount('identity.view')).toBe(before + 1);
      const [record] = await t.db().query<{ actor_label: string; entity_type: string; entity_id: string; details: { trackingCode?: string } }>(
        "SELECT actor_label, entity_type, entity_id, details FROM audit_log WHERE action = 'identity.view' ORDER BY seq DESC LIMIT 1",
      );
      expect(record).toMatchObject({ actor_label: 'taphanhin.officer', entity_type: 'case', entity_id: filed.id, details: { trackingCode: filed.trackingCode } });
      // The audit record itself holds no personal data.
      for (const secret of SECRETS) expect(JSON.stringify(record)).not.toContain(secret);

      // Every reveal is a record of its own.
      expect((await getIdentity(filed.id, 'taphanhin.officer')).statusCode).toBe(200);
      expect(await auditCount('identity.view')).toBe(before + 2);
    });

    it('answers for an anonymous complaint with no identity, still audited', async () => {
      const filed = await t.fileComplaint({ description: 'มีการเรียกรับเงินใต้โต๊ะที่จุดตรวจ', anonymous: true });
      const before = await auditCount('identity.view');
      const response = await getIdentity(filed.id, 'hub.intake');
      expect(response.statusCode).toBe(200);
      expect(response.json<Identity>()).toMatchObject({ caseId: filed.id, anonymous: true, complainant: null });
      expect(await auditCount('identity.view')).toBe(before + 1);
    });

    it('on a confidential case assigned to Taphan Hin: 403 for the district, 200 for the receiving hub', async () => {
      const filed = await fileWithIdentity('dho-6604', { confidential: true });
      const before = await auditCount('identity.view');
      const district = await getIdentity(filed.id, 'taphanhin.officer');
      expect(district.statusCode).toBe(403);
      expectNoSecrets(district, 'district');
      expect((await getIdentity(filed.id, 'moph.supervisor')).statusCode).toBe(403);
      expect(await auditCount('identity.view')).toBe(before);

      const hub = await getIdentity(filed.id, 'hub.intake');
      expect(hub.statusCode).toBe(200);
      expect(hub.json<Identity>().complainant).toEqual(COMPLAINANT);
      expect(await auditCount('identity.view')).toBe(before + 1);
    });

    it('treats a sensitive category (corruption) as confidential without being asked', async () => {
      const filed = await fileWithIdentity('dho-6604', { categoryCode: 'corruption' });
      expect((await getCase(filed.id, 'taphanhin.officer')).json<CaseDetail>()).toMatchObject({
        confidential: true,
        sensitive: true,
      });
      expect((await getIdentity(filed.id, 'taphanhin.officer')).statusCode).toBe(403);
      expect((await getIdentity(filed.id, 'hub.intake')).statusCode).toBe(200);
    });
  });

  describe('identity at rest', () => {
    it('keeps the complainant encrypted apart from the case, and out of the search index', async () => {
      const filed = await fileWithIdentity(null);
      const [stored] = await t.db().query<{ complainant_id: string; search_terms: string[] }>('SELECT complainant_id, search_terms FROM cases WHERE id = $1', [filed.id]);
      expect(stored?.complainant_id).toEqual(expect.any(String));
      const [complainant] = await t.db().query<Record<string, unknown>>('SELECT * FROM complainants WHERE id = $1', [stored?.complainant_id]);
      expect(complainant).toBeDefined();
      const raw = JSON.stringify(complainant);
      for (const secret of [...SECRETS, 'ใจดี']) expect(raw).not.toContain(secret);
      const terms = JSON.stringify(stored?.search_terms);
      for (const secret of [NATIONAL_ID, PHONE, '081', EMAIL, 'somchai']) expect(terms).not.toContain(secret);
    });
  });

  describe('GET /api/v1/cases/export', () => {
    it('answers 401 without sign-in', async () => {
      expect((await exportCsv('')).statusCode).toBe(401);
    });

    it('answers 400 to an invalid filter', async () => {
      const response = await exportCsv('status=bogus', 'hub.supervisor');
      expect(response.statusCode).toBe(400);
    });

    it('answers 403 to a case officer and an intake officer, and writes no export record', async () => {
      const before = await auditCount('cases.export');
      for (const user of ['moph.officer', 'hub.intake']) {
        const response = await exportCsv('', user);
        expect(response.statusCode, user).toBe(403);
        expect(String(response.headers['content-type'])).toMatch(/json/);
      }
      expect(await auditCount('cases.export')).toBe(before);
    });

    it('gives a supervisor CSV with a header row and redacted text, and audits the export', async () => {
      const filed = await fileWithIdentity('dho-6604', { title: `ติดต่อ ${PHONE}` });
      const tricky = await t.fileComplaint({ description: '=HYPERLINK("http://evil.example","คลิก"), แล้วก็\nบรรทัดใหม่ ถนนพัง', location: { provinceCode: '66' } });
      const before = await auditCount('cases.export');

      const response = await exportCsv('', 'hub.supervisor');
      expect(response.statusCode).toBe(200);
      expect(String(response.headers['content-type'])).toMatch(/^text\/csv/);
      expect(String(response.headers['content-disposition'])).toMatch(/attachment/);
      expectNoSecrets(response, 'export');

      const rows = parseCsv(response.body.replace(/^\uFEFF/, ''));
      const [header, ...data] = rows;
      expect(response.headers['x-rongthuk-truncated']).toBe('false');
      expect(response.headers['x-rongthuk-rows']).toBe(String(data.length));
      expect(header).toEqual(expect.arrayContaining(['trackingCode', 'status', 'summary']));
      for (const row of data) expect(row).toHaveLength(header?.length ?? -1);
      const column = (name: string) => header?.indexOf(name) ?? -1;

      const mine = data.find((row) => row[column('trackingCode')] === filed.trackingCode);
      expect(mine).toBeDefined();
      expect(mine?.[column('summary')]).toContain('[เลขประจำตัวประชาชน]');
      expect(mine?.[column('summary')]).toContain('[หมายเลขโทรศัพท์]');
      expect(mine?.[column('title')]).toBe('ติดต่อ [หมายเลขโทรศัพท์]');
      expect(mine?.[column('status')]).toBe('assigned');

      // Text that a spreadsheet would run as a formula is neutralised; commas and line breaks stay in the cell.
      const trickyRow = data.find((row) => row[column('trackingCode')] === tricky.trackingCode);
      expect(trickyRow?.[column('summary')]?.startsWith('=')).toBe(false);
      expect(trickyRow?.[column('summary')]).toContain('HYPERLINK');
      expect(trickyRow?.[column('summary')]).toContain('\n');

      expect(await auditCount('cases.export')).toBe(before + 1);
      const [record] = await t.db().query<{ actor_label: string; details: { rows?: number } }>(
        "SELECT actor_label, details FROM audit_log WHERE action = 'cases.export' ORDER BY seq DESC LIMIT 1",
      );
      expect(record?.actor_label).toBe('hub.supervisor');
      expect(record?.details.rows).toBe(data.length);
    });

    it('exports only the filtered cases within the user’s scope', async () => {
      const health = await fileWithIdentity('dho-6604');
      const police = await fileWithIdentity('rtp');

      const one = await exportCsv(`q=${health.trackingCode}`, 'hub.supervisor');
      expect(one.statusCode).toBe(200);
      const rows = parseCsv(one.body.replace(/^\uFEFF/, ''));
      expect(rows).toHaveLength(2);
      expect(rows[1]).toContain(health.trackingCode);

      const cceo = await exportCsv('', 'moph.cceo');
      expect(cceo.statusCode).toBe(200);
      expect(cceo.body).toContain(health.trackingCode);
      expect(cceo.body).not.toContain(police.trackingCode);
      expectNoSecrets(cceo, 'cceo export');
    });
  });
});
