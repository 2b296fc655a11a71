/**
 * The conversation's replies as LINE messages: text with quick replies (the choices, and
 * LINE's own location, camera and photo buttons when a step asks for them), and the receipt of
 * a new case as a Flex card with a button to the tracking page. Pure.
 */
import type { messagingApi } from '@line/bot-sdk';
import type { ChatReceipt, Outgoing } from '../../chat/chat-actions.ts';

/** LINE takes at most five messages a reply, thirteen quick replies a message, twenty characters a label. */
const MAX_MESSAGES = 5;
const MAX_QUICK_REPLIES = 13;
const MAX_LABEL = 20;
const MAX_TEXT = 5000;

const label = (text: string) => (text.length > MAX_LABEL ? text.slice(0, MAX_LABEL) : text);

function quickReplyOf(reply: Outgoing): messagingApi.QuickReply | undefined {
  const items: messagingApi.QuickReplyItem[] = [
    ...(reply.askLocation ? [{ type: 'action', action: { type: 'location', label: 'ส่งตำแหน่ง' } }] : []),
    ...(reply.askPhoto
      ? [
          { type: 'action', action: { type: 'camera', label: 'ถ่ายรูป' } },
          { type: 'action', action: { type: 'cameraRoll', label: 'เลือกรูป' } },
        ]
      : []),
    ...(reply.quickReplies ?? []).map((choice) => ({ type: 'action', action: { type: 'message', label: label(choice.label), text: choice.text } })),
  ] as messagingApi.QuickReplyItem[];
  return items.length ? { items: items.slice(0, MAX_QUICK_REPLIES) } : undefined;
}

const text = (value: string, options: { weight?: 'bold'; size?: string; color?: string; wrap?: boolean } = {}) => ({ type: 'text', text: value, wrap: true, ...options });
const row = (name: string, value: string) => ({
  type: 'box',
  layout: 'baseline',
  spacing: 'sm',
  contents: [
    { ...text(name, { size: 'sm', color: '#666666' }), flex: 2 },
    { ...text(value, { size: 'sm' }), flex: 5 },
  ],
});

/** ใบรับเรื่อง: the receipt card. */
export function receiptCard(receipt: ChatReceipt, altText: string): messagingApi.FlexMessage {
  return {
    type: 'flex',
    altText: altText.slice(0, 400),
    contents: {
      type: 'bubble',
      header: { type: 'box', layout: 'vertical', contents: [text('รับเรื่องร้องเรียนแล้ว', { weight: 'bold', size: 'lg', color: '#1a5fb4' })] },
      body: {
        type: 'box',
        layout: 'vertical',
        spacing: 'md',
        contents: [
          text(receipt.trackingCode, { weight: 'bold', size: 'xl' }),
          row('รหัสเข้าถึง', receipt.accessKey),
          row('แจ้งผลภายใน', receipt.dueDateTh),
          row('หน่วยงาน', receipt.agencyNameTh),
          text('เก็บรหัสเข้าถึงไว้ ใช้คู่กับเลขที่เรื่องเพื่อติดตามเรื่องทางเว็บไซต์ ระบบแสดงรหัสนี้ครั้งเดียว', { size: 'xs', color: '#666666' }),
        ],
      },
      footer: {
        type: 'box',
        layout: 'vertical',
        contents: [{ type: 'button', style: 'primary', action: { type: 'uri', label: 'ติดตามเรื่อง', uri: receipt.trackingUrl } }],
      },
    },
  } as messagingApi.FlexMessage;
}

/** The replies of one turn as at most five LINE messages; the last carries the quick replies. */
export function lineMessagesOf(replies: readonly Outgoing[]): messagingApi.Message[] {
  const messages = replies.map((reply): messagingApi.Message => {
    const quickReply = quickReplyOf(reply);
    const base = reply.receipt ? receiptCard(reply.receipt, reply.text) : ({ type: 'text', text: reply.text.slice(0, MAX_TEXT) } as messagingApi.TextMessage);
    return quickReply ? { ...base, quickReply } : base;
  });
  if (messages.length <= MAX_MESSAGES) return messages;
  // More than LINE takes: the first four as they are, the rest's text in one message.
  const rest = replies.slice(MAX_MESSAGES - 1);
  const last = rest.at(-1);
  const merged: messagingApi.TextMessage = { type: 'text', text: rest.map((reply) => reply.text).join('\n\n').slice(0, MAX_TEXT) };
  const quickReply = last ? quickReplyOf(last) : undefined;
  return [...messages.slice(0, MAX_MESSAGES - 1), quickReply ? { ...merged, quickReply } : merged];
}
