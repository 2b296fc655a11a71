/**
 * LINE Messaging API through the official SDK (@line/bot-sdk), for one official account: its
 * credentials (channel secret and access token) and the base URL of the API — LINE's own unless
 * the account names another (tests name a local fake; the content API is then at the same base).
 */
import { messagingApi, validateSignature } from '@line/bot-sdk';
import { secretsOf } from '../../chat/chat-accounts.ts';
import type { ChatAccountRow } from '../../chat/chat-queries.ts';
import type { AppContext } from '../../platform/context.ts';
import { payloadTooLarge } from '../../platform/errors.ts';

export interface LineSecrets {
  channelSecret: string;
  accessToken: string;
}

export interface LineAccount {
  secrets: LineSecrets;
  api: messagingApi.MessagingApiClient;
  blob: messagingApi.MessagingApiBlobClient;
}

/** The SDK's clients for an account, at its API base. */
export function lineClientsFor(secrets: LineSecrets, apiBase: string | null): Omit<LineAccount, 'secrets'> {
  const config = { channelAccessToken: secrets.accessToken, ...(apiBase ? { baseURL: apiBase.replace(/\/+$/, '') } : {}) };
  return { api: new messagingApi.MessagingApiClient(config), blob: new messagingApi.MessagingApiBlobClient(config) };
}

export function lineAccountOf(ctx: AppContext, account: ChatAccountRow): LineAccount {
  const secrets = secretsOf<LineSecrets>(ctx, account);
  return { secrets, ...lineClientsFor(secrets, account.apiBase) };
}

/** Whether `signature` (x-line-signature) is the account's over the exact bytes received. */
export function lineSignatureValid(account: LineAccount, rawBody: Buffer, signature: string | undefined): boolean {
  if (!signature) return false;
  try {
    return validateSignature(rawBody, account.secrets.channelSecret, signature);
  } catch {
    return false;
  }
}

/** The bytes a citizen sent (a photo), read up to `maxBytes`: a larger file is refused like a web upload. */
export async function fetchLineContent(account: LineAccount, messageId: string, maxBytes: number): Promise<Buffer> {
  const stream = await account.blob.getMessageContent(messageId);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.destroy();
      throw payloadTooLarge([{ field: 'photo', message: `larger than ${maxBytes} bytes`, messageTh: `ไฟล์ใหญ่เกิน ${Math.round(maxBytes / 1024 / 1024)} MB` }]);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
