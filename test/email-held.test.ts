/**
 * The e-mails an agency's mailbox kept for a person, through the API without an IMAP server
 * (the messages are kept by the poller's own holdMessage): who may list them, keyset pages
 * oldest first, a cursor that is not one, and a message leaving the list once dealt with.
 */
import { beforeAll, expect, it } from 'vitest';
import { findAgencyRefByCode } from '../src/server/agencies/queries.ts';
import { connectMailbox } from '../src/server/channels/email/mailboxes.ts';
import { findMailboxOfAgency } from '../src/server/channels/email/mailbox-queries.ts';
import { holdMessage } from '../src/server/channels/email/take-email.ts';
import { describeEachApp, onBangkokDay } from './support/app.ts';

const RAW = Buffer.from('To: complaints@taphanhin.test\r\nSubject: road\r\n\r\nthe road is broken\r\n');

describeEachApp('e-mails kept for a person', (t) => {
  const url = '/api/v1/agencies/dho-6604/email/held';

  beforeAll(async () => {
    const ctx = t.ctx();
    await connectMailbox(ctx, { userId: null, label: 'cli' }, { agencyCode: 'dho-6604', imapUrl: 'imaps://complaints%40taphanhin.test:imap-secret-1@127.0.0.1:1/INBOX' });
    const agency = await findAgencyRefByCode(ctx.db, 'dho-6604');
    const mailbox = agency && (await findMailboxOfAgency(ctx.db, agency.id));
    if (!mailbox) throw new Error('the mailbox was not connected');
    // Kept on three days, the newest first: the list is oldest first whatever order they came in.
    for (const [uid, day, reason] of [[3, '2026-12-04', 'empty'], [2, '2026-12-03', 'refused_invalid_input'], [1, '2026-12-02', 'no_sender']] as const) {
      await onBangkokDay(t, day, () => holdMessage(ctx, mailbox, { uidValidity: 1, uid, raw: RAW, sizeBytes: RAW.length }, reason));
    }
  });

  it('refuses who is not signed in or does not administer the agency, and an agency without a mailbox', async () => {
    expect((await t.request({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url, as: 'taphanhin.officer' })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/v1/agencies/nowhere/email/held', as: 'hub.admin' })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/v1/agencies/pho-66/email/held', as: 'moph.admin' })).statusCode).toBe(404);
  });

  it('gives the messages oldest first, a page at a time', async () => {
    const first = await t.request({ method: 'GET', url: `${url}?limit=2`, as: 'moph.admin' });
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json<{ address: string; items: Array<{ uid: number; reason: string }>; nextCursor: string | null }>();
    expect(page1.address).toBe('complaints@taphanhin.test');
    expect(page1.items.map((item) => [item.uid, item.reason])).toEqual([
      [1, 'no_sender'],
      [2, 'refused_invalid_input'],
    ]);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const second = await t.request({ method: 'GET', url: `${url}?limit=2&cursor=${page1.nextCursor ?? ''}`, as: 'moph.admin' });
    expect(second.json()).toMatchObject({ items: [{ uid: 3, reason: 'empty' }], nextCursor: null });
    // Without a limit, one page of up to 50.
    expect((await t.request({ method: 'GET', url, as: 'moph.admin' })).json()).toMatchObject({ items: [{ uid: 1 }, { uid: 2 }, { uid: 3 }], nextCursor: null });
  });

  it('refuses a cursor that is not one, and a page size out of bounds, naming the field', async () => {
    const bad = await t.request({ method: 'GET', url: `${url}?cursor=not-a-cursor`, as: 'moph.admin' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { details: [{ field: 'query.cursor' }] } });
    const tooMany = await t.request({ method: 'GET', url: `${url}?limit=201`, as: 'moph.admin' });
    expect(tooMany.statusCode).toBe(400);
    expect(JSON.stringify(tooMany.json())).toContain('limit');
  });

  it('drops a message dealt with from the list', async () => {
    const [oldest] = (await t.request({ method: 'GET', url, as: 'moph.admin' })).json<{ items: Array<{ id: string }> }>().items;
    const raw = await t.request({ method: 'GET', url: `${url}/${oldest?.id ?? ''}`, as: 'moph.admin' });
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toBe('message/rfc822');
    expect((await t.request({ method: 'POST', url: `${url}/${oldest?.id ?? ''}/dealt-with`, as: 'moph.admin' })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url, as: 'moph.admin' })).json()).toMatchObject({ items: [{ uid: 2 }, { uid: 3 }], nextCursor: null });
  });
});
