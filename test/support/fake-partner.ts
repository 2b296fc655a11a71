/**
 * A partner system (another agency's complaint system) played by the test: a key pair whose
 * public half it registers with, a loopback server that answers our deliveries as the protocol
 * says (or fails with a status, to make a message die), and messages it signs and sends us —
 * for the web pages of the exchange, without a second Rongthuk instance.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { CompactSign, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { EXCHANGE_JWS_TYPE, EXCHANGE_PROTOCOL, type ExchangeMessageType } from '../../src/shared/api/exchange-messages.ts';

export interface FakePartner {
  code: string;
  name: string;
  /** Its loopback address: the base URL to register. */
  url: string;
  /** Its public keys, to register inline. */
  jwks: { keys: Array<Record<string, unknown>> };
  /** Deliveries it received: type and seq, in order. */
  received: Array<{ type: string; seq: number }>;
  /** Answer deliveries with this HTTP status (and our one error shape) instead of applying them; null to apply again. */
  failWith(status: number | null): void;
  /** Signs and posts a message of a thread to `app` (to the instance `to`). */
  send(app: FastifyInstance, message: { to: string; thread: { origin: string; ref: string }; seq: number; senderRef: string; type: ExchangeMessageType; body: Record<string, unknown> }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts a partner `code` named `name`; a transfer it takes gets reference `${code}-ref-n` and tracking code `trackingPrefix-n`. */
export async function startFakePartner(code: string, name: string, trackingPrefix = 'PT-69'): Promise<FakePartner> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const kid = `${code}-key-1`;
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }] };
  const received: FakePartner['received'] = [];
  let failure: number | null = null;
  let transfers = 0;
  const server = createServer((request, response) => {
    void readBody(request).then((text) => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.method !== 'POST' || request.url !== '/api/v1/exchange/messages') return reply(404, { error: { code: 'not_found', message: 'Not found' } });
      const jws = (JSON.parse(text) as { jws: string }).jws;
      const envelope = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as { id: string; type: string; seq: number };
      received.push({ type: envelope.type, seq: envelope.seq });
      if (failure !== null) return reply(failure, { error: { code: 'unavailable', message: 'The complaint system is under maintenance' } });
      if (envelope.type !== 'case.transfer') return reply(200, { id: envelope.id, status: 'applied' });
      transfers += 1;
      return reply(200, { id: envelope.id, status: 'applied', reference: `${code}-ref-${transfers}`, trackingCode: `${trackingPrefix}-${String(transfers).padStart(4, '0')}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sign = (envelope: object) =>
    new CompactSign(new TextEncoder().encode(JSON.stringify(envelope))).setProtectedHeader({ alg: 'EdDSA', kid, typ: EXCHANGE_JWS_TYPE }).sign(privateKey as CryptoKey);
  return {
    code,
    name,
    url: `http://127.0.0.1:${port}`,
    jwks,
    received,
    failWith(status) {
      failure = status;
    },
    async send(app, message) {
      const now = new Date().toISOString();
      const jws = await sign({ protocol: EXCHANGE_PROTOCOL, id: randomUUID(), from: code, createdAt: now, sentAt: now, ...message });
      return app.inject({ method: 'POST', url: '/api/v1/exchange/messages', payload: { jws } });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
