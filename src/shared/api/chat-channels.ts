/**
 * The webhooks of the chat platforms (LINE Messaging API, Facebook Messenger): the parts of
 * their bodies Rongthuk reads, checked after the signature. Each platform sends more than this
 * (and more kinds of event); what is not described here is ignored, not refused, since the
 * platforms add fields and events without notice.
 */
import { z } from 'zod';

/** `{ agencyCode }` of the agency whose account the webhook is. */
export const ChannelWebhookParamsSchema = z.object({ agencyCode: z.string().min(1).max(64) });

const lineSource = z.looseObject({ type: z.string(), userId: z.string().min(1).max(100).optional() });
const lineBase = {
  webhookEventId: z.string().min(1).max(100),
  timestamp: z.number(),
  source: lineSource,
  replyToken: z.string().max(200).optional(),
  deliveryContext: z.looseObject({ isRedelivery: z.boolean() }).optional(),
};

/** One LINE webhook event Rongthuk acts on: a message (text, location, image), a postback, a follow. */
export const LineEventSchema = z.discriminatedUnion('type', [
  z.looseObject({
    ...lineBase,
    type: z.literal('message'),
    message: z.discriminatedUnion('type', [
      z.looseObject({ type: z.literal('text'), id: z.string(), text: z.string().max(5000) }),
      z.looseObject({ type: z.literal('location'), id: z.string(), latitude: z.number(), longitude: z.number(), address: z.string().max(500).optional(), title: z.string().max(200).optional() }),
      z.looseObject({ type: z.literal('image'), id: z.string(), contentProvider: z.looseObject({ type: z.string() }).optional() }),
      z.looseObject({ type: z.enum(['video', 'audio', 'file', 'sticker']), id: z.string() }),
    ]),
  }),
  z.looseObject({ ...lineBase, type: z.literal('postback'), postback: z.looseObject({ data: z.string().max(300) }) }),
  z.looseObject({ ...lineBase, type: z.literal('follow') }),
]);
export type LineEvent = z.output<typeof LineEventSchema>;

/** A LINE webhook body: the bot's user id and the events (none when LINE checks the URL). */
export const LineWebhookBodySchema = z.looseObject({ destination: z.string().max(100), events: z.array(z.unknown()).max(100) });

/** GET of a Facebook page webhook: the subscription check. */
export const FacebookVerifyQuerySchema = z.object({
  'hub.mode': z.string().max(50),
  'hub.verify_token': z.string().max(500),
  'hub.challenge': z.string().max(500),
});

const facebookMessaging = z.looseObject({
  sender: z.looseObject({ id: z.string().min(1).max(100) }),
  recipient: z.looseObject({ id: z.string().max(100) }),
  timestamp: z.number(),
  message: z
    .looseObject({
      mid: z.string().min(1).max(200),
      text: z.string().max(5000).optional(),
      is_echo: z.boolean().optional(),
      quick_reply: z.looseObject({ payload: z.string().max(1000) }).optional(),
      attachments: z
        .array(
          z.looseObject({
            type: z.string(),
            payload: z.looseObject({ url: z.string().max(2000).optional(), coordinates: z.looseObject({ lat: z.number(), long: z.number() }).optional() }).nullable().optional(),
          }),
        )
        .max(10)
        .optional(),
    })
    .optional(),
  postback: z.looseObject({ mid: z.string().max(200).optional(), payload: z.string().max(1000), title: z.string().max(200).optional() }).optional(),
});
export type FacebookMessaging = z.output<typeof facebookMessaging>;

/** A Facebook page webhook body: entries of the page, each with its messaging events. */
export const FacebookWebhookBodySchema = z.looseObject({
  object: z.string(),
  entry: z.array(z.looseObject({ id: z.string(), messaging: z.array(facebookMessaging).max(100).optional() })).max(100),
});

const secret = (min: number, max: number) => z.string().trim().min(min).max(max);

/** PUT /api/v1/agencies/{code}/chat-accounts/line — the Messaging API channel's secret and access token. */
export const LineAccountInputSchema = z.object({ channelSecret: secret(8, 200), accessToken: secret(8, 2000) }).strict();

/** PUT /api/v1/agencies/{code}/chat-accounts/facebook — the Meta app's secret, the page token, the verify token. */
export const FacebookPageInputSchema = z.object({ appSecret: secret(8, 200), pageToken: secret(8, 2000), verifyToken: secret(4, 200) }).strict();

/** The account connected: the agency channel it is, and the webhook address to give the platform. Never a secret. */
export const ChatAccountConnectedSchema = z.object({
  agencyChannelId: z.string(),
  created: z.boolean().describe('true: a new channel of the agency; false: the credentials of its account were replaced'),
  name: z.string().describe('The LINE id ("@…") or the Facebook page name'),
  webhookPath: z.string(),
});
export type ChatAccountConnected = z.output<typeof ChatAccountConnectedSchema>;

/** One platform's account of the agency, as its administrators see it. Never a secret. */
export const ChatAccountStateSchema = z.object({
  provider: z.enum(['line', 'facebook']),
  connected: z.boolean(),
  name: z.string().nullable().describe('The LINE id ("@…"), or the Facebook channel\'s label (the page name); null when not connected'),
  changedAt: z.iso.datetime().nullable().describe('When the credentials were last set; null when not connected'),
  webhookPath: z.string().describe('Where the platform posts its webhooks, once connected (to paste in the LINE Developers console / the Meta app)'),
});
export type ChatAccountState = z.output<typeof ChatAccountStateSchema>;

/** GET /api/v1/agencies/{code}/chat-accounts — the agency's LINE and Facebook accounts, one entry each. */
export const ChatAccountListSchema = z.object({ agency: z.object({ code: z.string() }), items: z.array(ChatAccountStateSchema) });
export type ChatAccountList = z.output<typeof ChatAccountListSchema>;
