/**
 * The webhook of an agency's Facebook page: GET answers Facebook's subscription check (the
 * verify token the agency chose → hub.challenge; anything else → 403), POST takes the page's
 * messaging events once X-Hub-Signature-256 over the exact body is right (401 otherwise,
 * nothing stored). Each message is taken once by its id, goes through the one chat
 * conversation, and is answered through the Send API.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { ChannelWebhookParamsSchema, FacebookVerifyQuerySchema, FacebookWebhookBodySchema, type FacebookMessaging } from '../../../shared/api/chat-channels.ts';
import { claimDelivery, findChatAccountOfAgency, releaseDelivery, type ChatAccountRow } from '../../chat/chat-queries.ts';
import { handleChatMessage, type IncomingChatInput } from '../../chat/handle-message.ts';
import { badSignature, parseSignedJson, withRawBodies } from '../../chat/raw-body.ts';
import type { AppContext } from '../../platform/context.ts';
import { sameDigest, sha256Hex } from '../../platform/crypto.ts';
import { forbidden, invalidInput, notFound } from '../../platform/errors.ts';
import { errorForLog } from '../../platform/logging.ts';
import { facebookPageOf, facebookSignatureValid, fetchFacebookAttachment, sendFacebookMessage, type FacebookPage } from './facebook-api.ts';
import { facebookMessagesOf } from './facebook-messages.ts';

const tags = ['channels'];
const PATH = '/api/v1/channels/facebook/:agencyCode/webhook';
const UNSUPPORTED_TH = 'ขออภัย ช่องทางนี้รับเฉพาะข้อความ ตำแหน่งที่ตั้ง และรูปภาพ';

async function pageOf(ctx: AppContext, agencyCode: string): Promise<{ row: ChatAccountRow; page: FacebookPage }> {
  const row = await findChatAccountOfAgency(ctx.db, agencyCode, 'facebook');
  if (!row) throw notFound('Facebook page', 'เพจ Facebook ของหน่วยงาน');
  return { row, page: facebookPageOf(ctx, row) };
}

export async function registerFacebookWebhookRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    PATH,
    {
      schema: {
        tags,
        summary: "Facebook's check of the page webhook: answers hub.challenge when hub.verify_token is the page's",
        params: ChannelWebhookParamsSchema,
        querystring: FacebookVerifyQuerySchema,
      },
    },
    async (request, reply) => {
      const { agencyCode } = request.params as { agencyCode: string };
      const query = request.query as { 'hub.mode': string; 'hub.verify_token': string; 'hub.challenge': string };
      const { page } = await pageOf(ctx, agencyCode);
      const tokenMatches = sameDigest(sha256Hex(query['hub.verify_token']), sha256Hex(page.secrets.verifyToken));
      if (query['hub.mode'] !== 'subscribe' || !tokenMatches) throw forbidden('The verify token is not this page’s', 'verify token ไม่ตรงกับที่ตั้งไว้สำหรับเพจนี้');
      return reply.code(200).type('text/plain; charset=utf-8').send(query['hub.challenge']);
    },
  );
  await withRawBodies(app, (scope) => {
    scope.post(
      PATH,
      {
        schema: {
          tags,
          summary: "Webhook of an agency's Facebook page (Messenger)",
          description:
            'Subscribe the page to the messages and messaging_postbacks fields (see README, "Connecting a Facebook page"). X-Hub-Signature-256 must be ' +
            'sha256= and the hex HMAC-SHA256 of the exact body with the app secret (401 otherwise, nothing stored).',
          params: ChannelWebhookParamsSchema,
        },
      },
      async (request, reply) => {
        const { agencyCode } = request.params as { agencyCode: string };
        const { row, page } = await pageOf(ctx, agencyCode);
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (!facebookSignatureValid(page.secrets, raw, request.headers['x-hub-signature-256'] as string | undefined)) throw badSignature('x-hub-signature-256');
        const body = FacebookWebhookBodySchema.safeParse(parseSignedJson(raw));
        if (!body.success || body.data.object !== 'page') throw invalidInput([{ field: 'entry', message: 'not a page webhook body', messageTh: 'เนื้อหาไม่ใช่ webhook ของเพจ Facebook' }]);
        for (const entry of body.data.entry) for (const event of entry.messaging ?? []) await takeEvent(ctx, row, page, event, request.log);
        return reply.code(200).send({});
      },
    );
  });
}

/** What the person sent, or a refusal to say at once (a sticker, a video); undefined for what is not theirs (an echo). */
function inputOf(event: FacebookMessaging): IncomingChatInput | 'unsupported' | undefined {
  if (event.postback) return { kind: 'text', text: event.postback.payload };
  const message = event.message;
  if (!message || message.is_echo) return undefined;
  if (message.quick_reply) return { kind: 'text', text: message.quick_reply.payload };
  if (message.text !== undefined) return { kind: 'text', text: message.text };
  const [attachment] = message.attachments ?? [];
  const coordinates = attachment?.payload?.coordinates;
  if (attachment?.type === 'location' && coordinates) return { kind: 'location', lat: coordinates.lat, lon: coordinates.long };
  if (attachment?.type === 'image' && attachment.payload?.url) return { kind: 'photo', ref: attachment.payload.url };
  return 'unsupported';
}

async function takeEvent(ctx: AppContext, row: ChatAccountRow, page: FacebookPage, event: FacebookMessaging, log: FastifyBaseLogger): Promise<void> {
  const input = inputOf(event);
  if (input === undefined) return;
  const userId = event.sender.id;
  const eventId = event.message?.mid ?? event.postback?.mid ?? `${userId}:${event.timestamp}`;
  const delivery = { agencyChannelId: row.agencyChannelId, eventId, now: ctx.now() };
  if (!(await claimDelivery(ctx.db, delivery))) return;
  let replies;
  try {
    replies =
      input === 'unsupported'
        ? [{ text: UNSUPPORTED_TH }]
        : await handleChatMessage(ctx, { account: row, userId, input, fetchPhoto: (url) => fetchFacebookAttachment(url, ctx.config.maxFileBytes) });
  } catch (error) {
    await releaseDelivery(ctx.db, delivery);
    throw error;
  }
  try {
    for (const message of facebookMessagesOf(replies)) await sendFacebookMessage(page, userId, message);
  } catch (error) {
    log.warn({ err: errorForLog(error), channel: 'facebook', agencyCode: row.agencyCode }, 'Facebook reply failed');
  }
}
