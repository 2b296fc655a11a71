/**
 * What a client on the wire can do to the server's shared resources, over real HTTP on both
 * engines: a refused upload must not leave its keep-alive connection stuck or hold a shutdown,
 * a multipart request without a boundary is a 400, one address cannot hold the whole upload
 * budget, and an upload trickling bytes is dropped.
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachApp } from './support/app.ts';
import { chunk, RawConnection, requestHead } from './support/raw-http.ts';
import type { ErrorBody } from '../src/shared/api/index.ts';

const BOUNDARY = 'rongthuk-wire-test';
const COMPLAINT = { description: 'ถนนหน้าโรงเรียนเป็นหลุมลึก รถจักรยานยนต์ล้มบ่อยมาก', categoryCode: 'road' };
const MAX_FILE_BYTES = 1024 * 1024;
/** The slow-upload rule of this suite: at least 2,000 bytes in every 300 ms. */
const RATE = { windowMs: 300, minBytesPerWindow: 2000 };

function part(name: string, fileName: string | null, contentType: string, bytes: Buffer | string): Buffer {
  const disposition = fileName === null ? `form-data; name="${name}"` : `form-data; name="${name}"; filename="${fileName}"`;
  return Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${contentType}\r\n\r\n`), Buffer.from(bytes), Buffer.from('\r\n')]);
}

const closing = Buffer.from(`--${BOUNDARY}--\r\n`);
const multipartType = `multipart/form-data; boundary=${BOUNDARY}`;

describeEachApp(
  'connections',
  (t) => {
    let port = 0;
    beforeAll(async () => {
      await t.app().listen({ port: 0, host: '127.0.0.1' });
      port = (t.app().server.address() as { port: number }).port;
    });

    describe('multipart without a boundary', () => {
      it('answers 400 naming content-type, on a route that takes files and on one that does not', async () => {
        for (const url of ['/api/v1/public/complaints', '/api/v1/auth/login']) {
          const response = await t.app().inject({ method: 'POST', url, headers: { 'content-type': 'multipart/form-data' }, payload: 'whatever' });
          const expected = url === '/api/v1/auth/login' ? 415 : 400;
          expect(response.statusCode, url).toBe(expected);
          if (expected === 400) {
            expect(response.json<ErrorBody>().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'content-type' }] });
          }
        }
      });
    });

    describe('keep-alive after a refused upload', () => {
      it('answers the next request on the connection after a 400 for an unknown part with 160 KB behind it', async () => {
        const body = Buffer.concat([part('mystery', null, 'text/plain', 'what is this?'), part('files', 'a.pdf', 'application/pdf', Buffer.alloc(160 * 1024, 0x41)), closing]);
        const connection = await RawConnection.open(port);
        try {
          connection.send(requestHead('POST', '/api/v1/public/complaints', { 'content-type': multipartType, 'content-length': body.length }));
          connection.send(body);
          const refused = await connection.response();
          expect(refused.status).toBe(400);
          expect((JSON.parse(refused.body) as ErrorBody).error.details[0]?.field).toBe('mystery');
          expect(refused.headers.connection).not.toBe('close');
          connection.send(requestHead('GET', '/healthz', {}));
          const next = await connection.response();
          expect(next.status).toBe(200);
          expect(JSON.parse(next.body)).toEqual({ status: 'ok' });
        } finally {
          connection.close();
        }
      });

      it('closes the connection after refusing an upload too large to read to the end', async () => {
        const connection = await RawConnection.open(port);
        try {
          connection.send(requestHead('POST', '/api/v1/public/complaints', { 'content-type': multipartType, 'content-length': 40 * 1024 * 1024 }));
          connection.send(Buffer.concat([part('mystery', null, 'text/plain', 'what is this?'), part('files', 'a.pdf', 'application/pdf', Buffer.alloc(64 * 1024, 0x41))]));
          const refused = await connection.response();
          expect(refused.status).toBe(400);
          expect(refused.headers.connection).toBe('close');
          await connection.closed;
        } finally {
          connection.close();
        }
      });
    });

    describe('slow uploads', () => {
      it('drops an upload that trickles bytes, with 408 upload_too_slow in Thai, and closes its connection', async () => {
        const connection = await RawConnection.open(port);
        const trickle = setInterval(() => connection.send(chunk('x')), 50);
        try {
          connection.send(requestHead('POST', '/api/v1/public/complaints', { 'content-type': multipartType, 'transfer-encoding': 'chunked' }));
          connection.send(chunk(part('payload', null, 'text/plain', JSON.stringify(COMPLAINT))));
          connection.send(chunk(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="slow.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`));
          const dropped = await connection.response();
          expect(dropped.status).toBe(408);
          expect(dropped.headers.connection).toBe('close');
          expect((JSON.parse(dropped.body) as ErrorBody).error).toMatchObject({ code: 'upload_too_slow', messageTh: expect.stringContaining('ยกเลิก') });
          await connection.closed;
        } finally {
          clearInterval(trickle);
          connection.close();
        }
      });

      it('lets one address hold at most half of the budget: its third large upload gets 429, another address still files with a photo', async () => {
        // Two uploads of unknown length from one address, each sending steadily: each holds a largest share.
        const streams = await Promise.all([1, 2].map(() => RawConnection.open(port)));
        const timers = streams.map((connection) => {
          connection.send(
            requestHead('POST', '/api/v1/public/complaints', { 'content-type': multipartType, 'transfer-encoding': 'chunked', 'x-forwarded-for': '10.1.1.1' }),
          );
          connection.send(chunk(part('payload', null, 'text/plain', JSON.stringify(COMPLAINT))));
          connection.send(chunk(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`));
          return setInterval(() => connection.send(chunk(Buffer.alloc(4000, 0x20))), 100);
        });
        try {
          // Let the server take both into the budget before the third arrives.
          await new Promise((resolve) => setTimeout(resolve, 200));
          const third = await RawConnection.open(port);
          try {
            const body = Buffer.concat([part('payload', null, 'text/plain', JSON.stringify(COMPLAINT)), closing]);
            third.send(requestHead('POST', '/api/v1/public/complaints', { 'content-type': multipartType, 'transfer-encoding': 'chunked', 'x-forwarded-for': '10.1.1.1' }));
            third.send(chunk(body));
            third.send(chunk(''));
            const refused = await third.response();
            expect(refused.status).toBe(429);
            expect(refused.headers['retry-after']).toBe('5');
            expect((JSON.parse(refused.body) as ErrorBody).error).toMatchObject({ code: 'uploads_per_address', messageTh: expect.stringContaining('กรุณาลองใหม่') });
          } finally {
            third.close();
          }
          // Another address is not starved.
          const photo = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
          const body = Buffer.concat([part('payload', null, 'text/plain', JSON.stringify(COMPLAINT)), part('files', 'letter.pdf', 'application/pdf', photo), closing]);
          const other = await RawConnection.open(port);
          try {
            other.send(requestHead('POST', '/api/v1/public/complaints', { 'content-type': multipartType, 'content-length': body.length, 'x-forwarded-for': '10.2.2.2' }));
            other.send(body);
            const filed = await other.response();
            expect(filed.status, filed.body).toBe(201);
          } finally {
            other.close();
          }
          // The two stop sending: they are dropped as too slow, and give their shares back.
          for (const timer of timers) clearInterval(timer);
          for (const connection of streams) expect((await connection.response()).status).toBe(408);
        } finally {
          for (const timer of timers) clearInterval(timer);
          for (const connection of streams) connection.close();
        }
      });
    });

    describe('what Node answers before Fastify sees a request', () => {
      async function exchange(head: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
        const connection = await RawConnection.open(port);
        try {
          connection.send(head);
          return await connection.response();
        } finally {
          connection.close();
        }
      }

      it('answers an Expect other than 100-continue with 417 in the one error shape', async () => {
        const response = await exchange(requestHead('GET', '/healthz', { expect: 'the-unexpected' }));
        expect(response.status).toBe(417);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(JSON.parse(response.body)).toEqual({ error: { code: 'expectation_failed', message: expect.any(String), messageTh: expect.any(String), details: [] } });
      });

      it('answers CONNECT with 405 in the one error shape instead of dropping the connection', async () => {
        const response = await exchange('CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n');
        expect(response.status).toBe(405);
        expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'method_not_allowed' } });
      });

      it('refuses an HTTP/1.1 request without Host in the one shape (Node answered 400 with no body)', async () => {
        const response = await exchange('GET /api/v1/public/settings HTTP/1.1\r\n\r\n');
        expect(response.status).toBe(400);
        expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'host_required', details: [{ field: 'host' }] } });
        const oldClient = await exchange('GET /api/v1/public/settings HTTP/1.0\r\n\r\n');
        expect(oldClient.status).toBe(200);
      });

      it('answers headers over the limit with 431 in the one shape, and a malformed HEAD with no body after the head', async () => {
        const huge = await exchange(requestHead('GET', '/healthz', { 'x-padding': 'a'.repeat(20_000) }));
        expect(huge.status).toBe(431);
        expect(JSON.parse(huge.body)).toMatchObject({ error: { code: 'headers_too_large' } });
        const connection = await RawConnection.open(port);
        try {
          connection.send('HEAD /api/v1/auth/me?q=\u00e0\u00b8 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
          await connection.closed;
          const text = connection.received().toString('latin1');
          expect(text).toMatch(/^HTTP\/1\.1 400 /);
          // Nothing after the head: a client reading a HEAD answer would take it for the next one.
          expect(text.endsWith('\r\n\r\n')).toBe(true);
        } finally {
          connection.close();
        }
      });

      it('routes a proxy-style absolute URL by its path: API answers keep no-store and the error shape, never the web page', async () => {
        const categories = await exchange(requestHead('GET', 'http://evil.example/api/v1/categories', {}));
        expect(categories.status).toBe(200);
        expect(categories.headers['cache-control']).toBe('no-store');
        const unknown = await exchange(requestHead('GET', 'HTTP://127.0.0.1:1/api/v1/nothing-here?x=1', {}));
        expect(unknown.status).toBe(404);
        expect(JSON.parse(unknown.body)).toMatchObject({ error: { code: 'route_not_found' } });
        const signedOut = await exchange(requestHead('GET', 'http://127.0.0.1/api/v1/auth/me', {}));
        expect(signedOut.status).toBe(401);
      });
    });

    describe('shutdown', () => {
      // Last: closes the app of this suite.
      it('is not held by a connection whose refused body was never sent in full, nor by one answered outside Fastify', async () => {
        // Answered by hand, outside Fastify: a CONNECT that brought a body nobody reads, the client
        // gone after the answer (the server's socket, no longer read, never saw it go), and a
        // request the parser refused, whose client keeps its socket open.
        const tunnel = await RawConnection.open(port);
        tunnel.send(Buffer.concat([Buffer.from('CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\nContent-Length: 262144\r\n\r\n'), Buffer.alloc(262_144, 0x78)]));
        expect((await tunnel.response()).status).toBe(405);
        tunnel.close();
        const malformed = await RawConnection.open(port);
        malformed.send('GET /a b c HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
        expect((await malformed.response()).status).toBe(400);
        const connection = await RawConnection.open(port);
        connection.send(requestHead('POST', '/api/v1/public/complaints', { 'content-type': multipartType, 'content-length': 900 * 1024 }));
        connection.send(Buffer.concat([part('mystery', null, 'text/plain', 'what is this?'), part('files', 'a.pdf', 'application/pdf', Buffer.alloc(1024, 0x41))]));
        expect((await connection.response()).status).toBe(400);
        // The client sends no more and keeps the socket open; the server's close must still end.
        await t.app().close();
        await connection.closed;
        await malformed.closed;
      });
    });

    afterAll(async () => {
      await rm(t.ctx().config.filesDir, { recursive: true, force: true });
    });
  },
  {
    config: () => ({ trustProxy: true, maxFiles: 1, maxFileBytes: MAX_FILE_BYTES, filesDir: path.join(os.tmpdir(), `rt-wire-${process.pid}-${Math.random().toString(36).slice(2)}`) }),
    build: () => ({ uploadLimits: { perAddressBytes: 2 * (MAX_FILE_BYTES + 256 * 1024), receiveRate: RATE }, unreadBodyLimits: { drainLimitBytes: 256 * 1024, drainTimeoutMs: 500 } }),
  },
);
