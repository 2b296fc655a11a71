/**
 * The Graph API of a Facebook page played by the test: a loopback server answering the page's
 * info and the Send API and recording what it was sent; and signed page webhook deliveries.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface FakeFacebook {
  url: string;
  /** Send API bodies, in order. */
  sent: Array<{ recipient: { id: string }; message: { text: string; quick_replies?: Array<{ title: string; payload: string }> }; accessToken: string | null }>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeFacebook(page: { id: string; name: string } = { id: '1029384756', name: 'สสอ.ตะพานหิน' }): Promise<FakeFacebook> {
  const sent: FakeFacebook['sent'] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((text) => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.method === 'GET' && /^\/v[\d.]+\/me$/.test(url.pathname)) return json(200, page);
      if (request.method === 'POST' && /^\/v[\d.]+\/me\/messages$/.test(url.pathname)) {
        sent.push({ ...(JSON.parse(text) as Omit<FakeFacebook['sent'][number], 'accessToken'>), accessToken: url.searchParams.get('access_token') });
        return json(200, { recipient_id: 'x', message_id: `m_${randomUUID()}` });
      }
      return json(404, { error: { message: 'Unknown path', code: 803 } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, sent, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A text message from person `psid` to the page, with a fresh message id unless given. */
export function facebookText(psid: string, text: string, mid = `m_${randomUUID()}`): Record<string, unknown> {
  return { sender: { id: psid }, recipient: { id: '1029384756' }, timestamp: Date.now(), message: { mid, text } };
}

/** Posts messaging events to the agency's page webhook, signed with `appSecret` (or the signature given). */
export async function postFacebookWebhook(
  app: FastifyInstance,
  agencyCode: string,
  appSecret: string,
  messaging: Array<Record<string, unknown>>,
  options: { signature?: string | null } = {},
): Promise<LightMyRequestResponse> {
  const body = JSON.stringify({ object: 'page', entry: [{ id: '1029384756', time: Date.now(), messaging }] });
  const signature = options.signature === undefined ? `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}` : options.signature;
  return app.inject({
    method: 'POST',
    url: `/api/v1/channels/facebook/${agencyCode}/webhook`,
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-hub-signature-256': signature }) },
    payload: body,
  });
}
