/**
 * The LINE Messaging API played by the test: a loopback server that answers what Rongthuk
 * calls (bot info, reply, push, a message's content) and records what it was sent; and signed
 * webhook deliveries, as LINE's platform would post them.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface LineCall {
  method: string;
  path: string;
  authorization: string | undefined;
  retryKey: string | undefined;
  body: Record<string, unknown> | undefined;
}

export interface FakeLine {
  url: string;
  calls: LineCall[];
  /** The bodies of the replies sent, in order. */
  replies(): Array<{ replyToken: string; messages: Array<Record<string, unknown>> }>;
  pushes(): Array<{ body: { to: string; messages: Array<Record<string, unknown>> }; retryKey: string | undefined }>;
  /** What GET /v2/bot/message/{id}/content answers. */
  setContent(messageId: string, bytes: Buffer): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeLine(bot: { basicId: string; displayName: string } = { basicId: '@taphanhin', displayName: 'สสอ.ตะพานหิน' }): Promise<FakeLine> {
  const calls: LineCall[] = [];
  const contents = new Map<string, Buffer>();
  const server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      const text = raw.toString('utf8');
      calls.push({
        method: request.method ?? 'GET',
        path,
        authorization: request.headers.authorization,
        retryKey: request.headers['x-line-retry-key'] as string | undefined,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
      });
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.method === 'GET' && path === '/v2/bot/info') return json(200, { userId: 'Ubot0000', basicId: bot.basicId, displayName: bot.displayName, chatMode: 'bot', markAsReadMode: 'manual' });
      if (request.method === 'POST' && path === '/v2/bot/message/reply') return json(200, { sentMessages: [] });
      if (request.method === 'POST' && path === '/v2/bot/message/push') return json(200, { sentMessages: [] });
      const content = /^\/v2\/bot\/message\/([^/]+)\/content$/.exec(path);
      if (request.method === 'GET' && content?.[1]) {
        const bytes = contents.get(content[1]);
        if (!bytes) return json(404, { message: 'Not found' });
        response.writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.length });
        return response.end(bytes);
      }
      return json(404, { message: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    replies: () => calls.filter((call) => call.path === '/v2/bot/message/reply').map((call) => call.body as never),
    pushes: () => calls.filter((call) => call.path === '/v2/bot/message/push').map((call) => ({ body: call.body as never, retryKey: call.retryKey })),
    setContent: (messageId, bytes) => void contents.set(messageId, bytes),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** x-line-signature of a body: base64 HMAC-SHA256 with the channel secret. */
export function lineSignature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/** A webhook event from user `userId`, with a fresh webhookEventId and reply token unless given. */
export function lineEvent(userId: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'user', userId },
    webhookEventId: `01H${randomUUID().replaceAll('-', '').slice(0, 23).toUpperCase()}`,
    deliveryContext: { isRedelivery: false },
    replyToken: randomUUID().replaceAll('-', ''),
    ...fields,
  };
}

export const lineText = (userId: string, text: string) => lineEvent(userId, { type: 'message', message: { type: 'text', id: randomUUID(), quoteToken: 'q', text } });

/** Posts `events` to the agency's LINE webhook, signed with `secret` (or with the signature given). */
export async function postLineWebhook(
  app: FastifyInstance,
  agencyCode: string,
  secret: string,
  events: Array<Record<string, unknown>>,
  options: { signature?: string | null } = {},
): Promise<LightMyRequestResponse> {
  const body = JSON.stringify({ destination: 'Ubot0000', events });
  const signature = options.signature === undefined ? lineSignature(secret, body) : options.signature;
  return app.inject({
    method: 'POST',
    url: `/api/v1/channels/line/${agencyCode}/webhook`,
    headers: { 'content-type': 'application/json; charset=utf-8', ...(signature === null ? {} : { 'x-line-signature': signature }) },
    payload: body,
  });
}
