/**
 * POST /api/v1/channels/line/{agencyCode}/webhook: the webhook of an agency's LINE official
 * account. The x-line-signature over the exact body is checked first (missing or wrong → 401,
 * nothing stored); then each event is taken once by its webhookEventId (LINE sends an event
 * again when it got no answer in time), goes through the one chat conversation, and is answered
 * with the reply token. An event that fails is given back, so LINE's next delivery is taken.
 */
import type { FastifyInstance, FastifyBaseLogger } from 'fastify';
import { ChannelWebhookParamsSchema, LineEventSchema, LineWebhookBodySchema, type LineEvent } from '../../../shared/api/chat-channels.ts';
import { claimDelivery, findChatAccountOfAgency, releaseDelivery, type ChatAccountRow } from '../../chat/chat-queries.ts';
import { handleChatMessage, type IncomingChatInput } from '../../chat/handle-message.ts';
import { badSignature, parseSignedJson, withRawBodies } from '../../chat/raw-body.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalidInput, notFound } from '../../platform/errors.ts';
import { errorForLog } from '../../platform/logging.ts';
import { fetchLineContent, lineAccountOf, lineSignatureValid, type LineAccount } from './line-api.ts';
import { lineMessagesOf } from './line-messages.ts';

const tags = ['channels'];
const UNSUPPORTED_TH = 'ขออภัย ช่องทางนี้รับเฉพาะข้อความ ตำแหน่งที่ตั้ง และรูปภาพ';

export async function registerLineWebhookRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await withRawBodies(app, (scope) => {
    scope.post(
      '/api/v1/channels/line/:agencyCode/webhook',
      {
        schema: {
          tags,
          summary: "Webhook of an agency's LINE official account (LINE Messaging API)",
          description:
            'Set this URL as the webhook of the LINE channel (see README, "Connecting a LINE official account"). The body must be signed: ' +
            'x-line-signature is the base64 HMAC-SHA256 of the exact body with the channel secret (401 otherwise, nothing stored). ' +
            'Text, location, image and postback events go through the chat conversation; each event is taken once by its webhookEventId.',
          params: ChannelWebhookParamsSchema,
        },
      },
      async (request, reply) => {
        const { agencyCode } = request.params as { agencyCode: string };
        const row = await findChatAccountOfAgency(ctx.db, agencyCode, 'line');
        if (!row) throw notFound('LINE account', 'บัญชี LINE ของหน่วยงาน');
        const account = lineAccountOf(ctx, row);
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (!lineSignatureValid(account, raw, request.headers['x-line-signature'] as string | undefined)) throw badSignature('x-line-signature');
        const body = LineWebhookBodySchema.safeParse(parseSignedJson(raw));
        if (!body.success) throw invalidInput([{ field: 'events', message: 'not a LINE webhook body', messageTh: 'เนื้อหาไม่ใช่ webhook ของ LINE' }]);
        for (const item of body.data.events) {
          const event = LineEventSchema.safeParse(item);
          if (event.success) await takeEvent(ctx, row, account, event.data, request.log);
        }
        return reply.code(200).send({});
      },
    );
  });
}

/** What the citizen sent, or a refusal to say at once (a sticker, a video). */
function inputOf(event: LineEvent): IncomingChatInput | 'unsupported' {
  switch (event.type) {
    case 'follow':
      return { kind: 'greeting' };
    case 'postback':
      return { kind: 'text', text: event.postback.data };
    case 'message': {
      const message = event.message;
      if (message.type === 'text') return { kind: 'text', text: message.text };
      if (message.type === 'location') return { kind: 'location', lat: message.latitude, lon: message.longitude, address: message.address };
      if (message.type === 'image') return { kind: 'photo', ref: message.id };
      return 'unsupported';
    }
  }
}

async function takeEvent(ctx: AppContext, row: ChatAccountRow, account: LineAccount, event: LineEvent, log: FastifyBaseLogger): Promise<void> {
  const userId = event.source.userId;
  // Groups and rooms without a user id are not citizens writing to the office.
  if (!userId) return;
  const delivery = { agencyChannelId: row.agencyChannelId, eventId: event.webhookEventId, now: ctx.now() };
  if (!(await claimDelivery(ctx.db, delivery))) return;
  let replies;
  try {
    const input = inputOf(event);
    replies =
      input === 'unsupported'
        ? [{ text: UNSUPPORTED_TH }]
        : await handleChatMessage(ctx, { account: row, userId, input, fetchPhoto: (ref) => fetchLineContent(account, ref, ctx.config.maxFileBytes) });
  } catch (error) {
    await releaseDelivery(ctx.db, delivery);
    throw error;
  }
  if (!event.replyToken || replies.length === 0) return;
  try {
    await account.api.replyMessage({ replyToken: event.replyToken, messages: lineMessagesOf(replies) });
  } catch (error) {
    // The event is taken (a case may exist): the reply is lost, not the complaint; the citizen can ask "ติดตาม".
    log.warn({ err: errorForLog(error), channel: 'line', agencyCode: row.agencyCode }, 'LINE reply failed');
  }
}
