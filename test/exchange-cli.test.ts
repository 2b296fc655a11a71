/**
 * `rongthuk exchange export|import|verify`: a file partner registered with `rongthuk partner add
 * --delivery file`, its messages exported to a file or standard output (none marked exported
 * when the file cannot be written), its status updates imported with errors by row and column
 * and exit 1 with nothing applied, and every stored signature checked again — a tampered JWS or
 * envelope makes verify fail.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/server/cli.ts';
import { runExchangeCommand } from '../src/server/exchange/exchange-cli.ts';
import { parseInstanceKey } from '../src/server/exchange/instance-key.ts';
import { runPartnerCommand } from '../src/server/exchange/partner-cli.ts';
import { signEnvelope } from '../src/server/exchange/signing.ts';
import { ExchangeExportFileSchema } from '../src/shared/api/exchange-messages.ts';
import { describeEachApp, openTestInstallation } from './support/app.ts';

const PARTNER = 'dtc-files';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rongthuk-exchange-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rongthuk exchange (dispatch)', () => {
  it('is a command of the binary: usage errors exit 2 before any database is opened', async () => {
    const err: string[] = [];
    const out: string[] = [];
    const env = { RONGTHUK_DATA_DIR: dir, LOG_LEVEL: 'silent' };
    expect(await main(['exchange', 'frobnicate'], env, { out: (line) => out.push(line), err: (line) => err.push(line) })).toBe(2);
    expect(err.join('\n')).toMatch(/unknown exchange command "frobnicate"[\s\S]*rongthuk exchange verify/);
    expect(await main(['--help'], env, { out: (line) => out.push(line), err: (line) => err.push(line) })).toBe(0);
    expect(out.join('\n')).toContain('rongthuk exchange import --partner C FILE.csv');
  });
});

describeEachApp('rongthuk exchange', (t) => {
  const open = openTestInstallation(t);
  async function run(args: string[], command = runExchangeCommand) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await command(args, t.ctx().config, { out: (line) => out.push(line), err: (line) => err.push(line) }, open);
    return { code, out, err };
  }
  const sendCase = async (description: string) => {
    const filed = await t.fileComplaint({ description });
    await t.act('hub.intake', filed.id, 'screen', {});
    await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'dtc-p66' });
    return filed;
  };
  const statesOut = async () => (await t.db().query<{ state: string }>("SELECT state FROM exchange_messages WHERE direction = 'out' ORDER BY created_at")).map((row) => row.state);
  let policeKey: Awaited<ReturnType<typeof parseInstanceKey>>;

  beforeAll(async () => {
    const added = await run(['add', '--delivery', 'file', '--code', PARTNER, '--name', 'ศูนย์ดำรงธรรมจังหวัดขอนแก่น', '--agencies', 'dtc-p66'], runPartnerCommand);
    expect(added, added.err.join('\n')).toMatchObject({ code: 0 });
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    policeKey = await parseInstanceKey(JSON.stringify(await exportJWK(privateKey)), 'police');
    const jwks = path.join(dir, `police-${t.kind}.json`);
    await writeFile(jwks, JSON.stringify({ keys: [{ ...policeKey.publicJwk, kid: policeKey.kid }] }));
    const police = await run(['add', '--code', 'police', '--name', 'ระบบของตำรวจ', '--url', 'https://police.example', '--jwks', jwks, '--agencies', 'rtp'], runPartnerCommand);
    expect(police, police.err.join('\n')).toMatchObject({ code: 0 });
  });

  it('says how it is used: exit 2 for a missing or wrong argument, 0 for --help', async () => {
    for (const args of [[], ['export'], ['export', '--partner', 'Bad Code'], ['export', '--partner', PARTNER, '--format', 'xlsx'], ['import', '--partner', PARTNER], ['import', '--partner', PARTNER, '--format', 'csv', 'a.csv'], ['verify', '--partner', PARTNER], ['verify', 'now']]) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err.join('\n'), args.join(' ')).toContain('Usage:');
    }
    expect((await run(['--help'])).code).toBe(0);
  });

  it('exports to a file, or to standard output; nothing is marked exported when the file cannot be written', async () => {
    const first = await sendCase('ไฟฟ้าส่องสว่างดับทั้งซอย ชาวบ้านเดินทางกลับบ้านตอนกลางคืนลำบาก');
    const unwritable = await run(['export', '--partner', PARTNER, '--out', path.join(dir, 'no-such-folder', 'out.json')]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.err.join('\n')).toMatch(/cannot write .*out\.json: ENOENT: nothing was marked exported/);
    expect(await statesOut()).toEqual(['queued']);

    const file = path.join(dir, `export-${t.kind}.json`);
    const exported = await run(['export', '--partner', PARTNER, '--format', 'json', '--out', file]);
    expect(exported, exported.err.join('\n')).toMatchObject({ code: 0, out: [] });
    expect(exported.err).toEqual([`exported 1 message(s) of partner ${PARTNER} to ${file}`]);
    const json = ExchangeExportFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(json.messages.map((message) => [message.type, message.senderRef])).toEqual([['case.transfer', first.id]]);
    expect(await statesOut()).toEqual(['exported']);

    const empty = await run(['export', '--partner', PARTNER]);
    expect(empty.code).toBe(0);
    expect(empty.out).toHaveLength(1);
    expect(empty.out[0]).toMatch(/^\uFEFFmessage_id,type,seq,reference,tracking_code,agency_code,created_at,/);
  });

  it('refuses an unknown partner and one reached by its API', async () => {
    const unknown = await run(['export', '--partner', 'no-such-partner']);
    expect(unknown.code).toBe(1);
    expect(unknown.err.join('\n')).toContain('Partner no-such-partner not found');
    const api = await run(['export', '--partner', 'police']);
    expect(api.code).toBe(1);
    expect(api.err.join('\n')).toMatch(/^ {2}code: partner police is reached by its API/m);
  });

  it('imports status updates: errors by row and column with exit 1 and nothing applied, then the fixed file', async () => {
    const [held] = await t.db().query<{ id: string; tracking_code: string }>("SELECT c.id, c.tracking_code FROM cases c JOIN case_links l ON l.case_id = c.id WHERE l.direction = 'sent'");
    if (!held) throw new Error('no case sent to the partner');
    const bad = path.join(dir, `bad-${t.kind}.csv`);
    await writeFile(bad, `\uFEFFreference,type,message,result\r\n${held.tracking_code},accepted,,\r\n${held.id},resolved,เปลี่ยนหลอดไฟแล้ว,done\r\n`);
    const refused = await run(['import', '--partner', PARTNER, bad]);
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toMatch(/^ {2}rows\.2\.result: .*fixed.* \/ /m);
    expect(refused.err.at(-1)).toBe('nothing imported / ไม่ได้นำเข้าข้อมูลใด');
    expect(await t.db().query("SELECT 1 FROM exchange_messages WHERE direction = 'in'")).toEqual([]);

    const tis620 = path.join(dir, `tis620-${t.kind}.csv`);
    await writeFile(tis620, Buffer.concat([Buffer.from(`reference,type,message\r\n${held.id},progress,`), Buffer.from([0xc3, 0xd1, 0xba]), Buffer.from('\r\n')]));
    const notUtf8 = await run(['import', '--partner', PARTNER, tis620]);
    expect(notUtf8.code).toBe(1);
    expect(notUtf8.err.join('\n')).toMatch(/^ {2}rows\.1\.message: is not UTF-8 text/m);
    expect((await run(['import', '--partner', PARTNER, path.join(dir, 'missing.csv')])).err.join('\n')).toMatch(/cannot read .*missing\.csv: ENOENT/);

    await writeFile(bad, `reference,type,message,result\n${held.tracking_code},accepted,,\n${held.id},resolved,เปลี่ยนหลอดไฟแล้ว,fixed\n`);
    const applied = await run(['import', '--partner', PARTNER, bad]);
    expect(applied, applied.err.join('\n')).toMatchObject({ code: 0, out: [`imported 2 row(s) of partner ${PARTNER}: 2 applied`] });
    expect((await t.db().query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [held.id]))[0]?.status).toBe('resolved');
    const [audit] = await t.db().query<{ actor_label: string }>("SELECT actor_label FROM audit_log WHERE action = 'exchange.import'");
    expect(audit?.actor_label).toMatch(/^cli/);
  });

  describe('verify', () => {
    it('checks our exported signatures and a partner’s received one', async () => {
      const now = new Date().toISOString();
      const envelope = {
        protocol: 'rongthuk-exchange/1',
        id: randomUUID(),
        from: 'police',
        to: t.ctx().config.instanceCode,
        thread: { origin: 'police', ref: 'P-2025-0001' },
        seq: 1,
        createdAt: now,
        sentAt: now,
        senderRef: 'P-2025-0001',
        type: 'case.transfer',
        body: {
          agencyCode: 'pho-66',
          trackingCode: 'POL-0001',
          receivedAt: now,
          channel: 'web',
          categoryCode: null,
          title: null,
          description: 'ร้านค้าขายยาไม่มีใบอนุญาตในตลาดสด ขอให้ตรวจสอบ',
          textRedacted: true,
          location: null,
          anonymous: true,
          confidential: false,
          sensitive: false,
          complainant: null,
          originDueDate: now.slice(0, 10),
          files: [],
        },
      };
      const received = await t.request({ method: 'POST', url: '/api/v1/exchange/messages', body: { jws: await signEnvelope(policeKey, envelope) } });
      expect(received.statusCode, received.body).toBe(200);
      const result = await run(['verify']);
      expect(result).toEqual({ code: 0, out: ['2 messages checked, 0 failed'], err: [] });
    });

    it('fails on a tampered JWS or a stored envelope that differs from what was signed', async () => {
      const [out] = await t.db().query<{ id: string; jws: string }>("SELECT id, jws FROM exchange_messages WHERE direction = 'out' AND jws IS NOT NULL");
      if (!out) throw new Error('no signed outbound message');
      const [head, payload, signature] = out.jws.split('.');
      const forged = Buffer.from(payload ?? '', 'base64url').toString('utf8').replace('ไฟฟ้าส่องสว่าง', 'ไฟฟ้าแรงสูง');
      await t.db().query('UPDATE exchange_messages SET jws = $2 WHERE id = $1', [out.id, `${head}.${Buffer.from(forged).toString('base64url')}.${signature}`]);
      await t.db().query(`UPDATE exchange_messages SET envelope = jsonb_set(envelope, '{body,description}', '"แก้ไขภายหลัง"') WHERE direction = 'in' AND jws IS NOT NULL`);
      const result = await run(['verify']);
      expect(result.code).toBe(1);
      expect(result.out.at(-1)).toBe('2 messages checked, 2 failed');
      expect(result.out.slice(0, -1).sort()).toEqual([
        expect.stringMatching(/^FAILED from police case\.transfer #1 \(message [0-9a-f-]+, case [0-9a-f-]+\): the signed message differs from the stored envelope$/),
        expect.stringMatching(new RegExp(`^FAILED to ${PARTNER} case\\.transfer #1 \\(message [0-9a-f-]+, case [0-9a-f-]+\\): the signature does not verify with our key$`)),
      ]);
    });
  });
});
