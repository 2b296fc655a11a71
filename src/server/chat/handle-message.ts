/**
 * One message of a citizen in a chat channel, whatever the platform: find the person (their
 * platform id kept encrypted, found by keyed hash), read their conversation (dropped with a
 * message when idle for a day), take the next turn, carry out its action, keep the new state.
 * The state is kept only once the action succeeded: a filing refused (a photo the checks turn
 * down) leaves the citizen at the confirmation, with the reason.
 */
import { checkFile } from '../attachments/file-checks.ts';
import { findCategory } from '../reference/queries.ts';
import { OPEN_STATUSES } from '../../shared/case-model.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { triageModelOf } from '../triage/model-store.ts';
import { predict } from '../triage/classifier.ts';
import { categoriesByAlias } from '../triage/triage-record-queries.ts';
import { carryOut, type ChatActionContext, type Outgoing } from './chat-actions.ts';
import { listChatCases, findOrAddChatUser, saveChatState, type ChatAccountRow } from './chat-queries.ts';
import { converse, isExpired, menu, type ChatInput, type ChatState, type ConversationFacts } from './conversation.ts';
import { TEXTS } from './conversation-texts.ts';
import { chatUserHash, encryptChatUserId } from './chat-users.ts';
import { gazetteerOf, placeAt, placeNamed } from './places.ts';

/** Below this the classifier's guess is not worth asking the citizen about. */
const SUGGESTION_CONFIDENCE = 0.35;

/** What arrived: a photo still to be fetched and checked, or any other input. */
export type IncomingChatInput = ChatInput | { kind: 'photo'; ref: string };

export interface ChatMessage {
  account: ChatAccountRow;
  /** The platform's id of the person (LINE userId, Facebook page-scoped id). */
  userId: string;
  input: IncomingChatInput;
  fetchPhoto(ref: string): Promise<Buffer>;
}

/** Takes one message and returns the replies to send, in order. */
export async function handleChatMessage(ctx: AppContext, message: ChatMessage): Promise<Outgoing[]> {
  const { account } = message;
  const now = ctx.now();
  const user = await findOrAddChatUser(ctx.db, {
    agencyChannelId: account.agencyChannelId,
    userHash: chatUserHash(ctx, account, message.userId),
    userCiphertext: encryptChatUserId(ctx, account, message.userId),
    now,
  });
  const stateContext = `chat_state:${user.id}`;
  let state: ChatState = user.stateCiphertext ? ctx.protector.decryptJson<ChatState>(user.stateCiphertext, stateContext) : { step: 'idle' };
  const before: Outgoing[] = [];
  if (state.step !== 'idle' && isExpired(user.lastMessageAt, now)) {
    before.push({ text: TEXTS.expired });
    state = { step: 'idle' };
  }
  const input = await checkedInput(message, state);
  const turn = converse(state, input, await factsFor(ctx, user.id, state, input));
  const on: ChatActionContext = { ctx, account, chatUserId: user.id, fetchPhoto: message.fetchPhoto };
  let done: Outgoing[];
  try {
    done = turn.action ? await carryOut(turn.action, on) : [];
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    // The step stays where it was: the citizen may try again (or cancel).
    await saveChatState(ctx.db, user.id, state.step === 'idle' ? null : ctx.protector.encryptJson(state, stateContext), now);
    return [...before, { text: refusalOf(error), quickReplies: state.step === 'idle' ? menu() : undefined }];
  }
  await saveChatState(ctx.db, user.id, turn.state.step === 'idle' ? null : ctx.protector.encryptJson(turn.state, stateContext), now);
  return [...before, ...turn.replies, ...done];
}

/** The Thai reason of a refusal, with the field's own message where there is one. */
function refusalOf(error: AppError): string {
  const detail = error.details.find((item) => item.messageTh)?.messageTh;
  return detail ? `${error.messageTh}: ${detail}` : error.messageTh;
}

/**
 * A photo, fetched and put through the same checks as a web attachment, becomes an image or a
 * refusal — where the conversation takes photos; elsewhere it is not fetched at all.
 */
async function checkedInput(message: ChatMessage, state: ChatState): Promise<ChatInput> {
  const input = message.input;
  if (input.kind !== 'photo') return input;
  if (state.step !== 'photos' && state.step !== 'add_info') return { kind: 'image', ref: input.ref };
  try {
    await checkFile({ field: 'photo', clientName: undefined, bytes: await message.fetchPhoto(input.ref) });
    return { kind: 'image', ref: input.ref };
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return { kind: 'image_refused', reasonTh: error.details[0]?.messageTh ?? error.messageTh };
    throw error;
  }
}

/** What the conversation may need this turn, read beforehand so that it stays pure. */
async function factsFor(ctx: AppContext, chatUserId: string, state: ChatState, input: ChatInput): Promise<ConversationFacts> {
  const texts = [input.kind === 'text' ? input.text.trim() : undefined, state.step === 'which_case' ? state.text : undefined].filter((text): text is string => Boolean(text));
  const suggestions = new Map<string, { code: string; nameTh: string } | undefined>();
  for (const text of texts) suggestions.set(text, await suggestCategory(ctx, text));
  const gazetteer = await gazetteerOf(ctx.db);
  const open = (await listChatCases(ctx.db, chatUserId, 1)).find((row) => OPEN_STATUSES.includes(row.status));
  return {
    suggestCategory: (text) => suggestions.get(text),
    placeAt: (lat, lon) => placeAt(gazetteer, lat, lon),
    placeNamed: (text) => placeNamed(gazetteer, text),
    openCase: open?.trackingCode,
  };
}

/** The classifier's category for a text, when it is sure enough and the category is in use. */
async function suggestCategory(ctx: AppContext, text: string): Promise<{ code: string; nameTh: string } | undefined> {
  const model = await triageModelOf(ctx.config);
  if (!model) return undefined;
  const prediction = predict(model, text);
  if (prediction.confidence < SUGGESTION_CONFIDENCE) return undefined;
  const alias = (await categoriesByAlias(ctx.db)).get(prediction.label);
  const category = alias ? await findCategory(ctx.db, alias.code) : undefined;
  return category ? { code: category.code, nameTh: category.nameTh } : undefined;
}
