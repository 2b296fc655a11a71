/**
 * บทสนทนา: the one conversation a chat channel (LINE, Facebook Messenger) holds with a
 * citizen, as a pure state machine — the state, what the citizen sent, and what the caller
 * knows (the classifier's suggestion, the place of a point or a name) go in; the next state,
 * the replies and at most one action for the caller to carry out (file the case, list the
 * citizen's cases, add information, rate) come out. No I/O here: chat/handle-message.ts does it.
 *
 * Thai first: every reply is Thai. "ยกเลิก" (cancel) ends whatever is under way, at any step.
 */
import { normalisePhone } from '../../shared/thai-phone.ts';
import { normaliseTrackingCode } from '../../shared/tracking-code.ts';
import { COMMANDS, isCommand, TEXTS } from './conversation-texts.ts';

/** A conversation left this long is dropped, with a message, when the citizen next writes. */
export const IDLE_LIMIT_MS = 24 * 60 * 60 * 1000;
/** Photos one complaint takes in the chat (more can be added later as information). */
export const MAX_PHOTOS = 5;
/** Shorter than this is not a description anyone could act on. */
const MIN_DESCRIPTION = 10;
const MAX_DESCRIPTION = 4000;
const MAX_NAME = 200;

/** A place the complaint is about: a province, usually a district, and the point when shared. */
export interface Place {
  provinceCode: string;
  districtCode?: string | undefined;
  /** "อ.ตะพานหิน จ.พิจิตร" */
  labelTh: string;
  lat?: number | undefined;
  lon?: number | undefined;
  address?: string | undefined;
}

/** The complaint as the conversation builds it. */
export interface Draft {
  description: string;
  category?: { code: string; nameTh: string } | undefined;
  place?: Place | undefined;
  /** The channel's references to the photos (LINE message ids, Facebook attachment URLs), already checked. */
  photos: string[];
  anonymous?: boolean | undefined;
  name?: string | undefined;
  phone?: string | undefined;
  confidential?: boolean | undefined;
}

export type ChatState =
  | { step: 'idle' }
  | { step: 'describe' }
  | { step: 'category'; draft: Draft; suggestion: { code: string; nameTh: string } }
  | { step: 'location'; draft: Draft }
  | { step: 'photos'; draft: Draft }
  | { step: 'identity'; draft: Draft }
  | { step: 'name'; draft: Draft }
  | { step: 'phone'; draft: Draft }
  | { step: 'confidential'; draft: Draft }
  | { step: 'confirm'; draft: Draft }
  /** A message came while the citizen has a case open: about it, or a new complaint? */
  | { step: 'which_case'; trackingCode: string; text: string }
  | { step: 'add_info'; trackingCode: string }
  | { step: 'rating'; trackingCode: string }
  | { step: 'reopen'; trackingCode: string; rating: number };

/** What the citizen sent, as the channel adapter understood it. */
export type ChatInput =
  | { kind: 'text'; text: string }
  | { kind: 'location'; lat: number; lon: number; address?: string | undefined }
  /** A photo the caller has already checked (the same checks as web attachments). */
  | { kind: 'image'; ref: string }
  /** A file the checks refused, with their reason in Thai. */
  | { kind: 'image_refused'; reasonTh: string }
  /** The citizen added the account, or opened the chat. */
  | { kind: 'greeting' };

/** What the caller carries out, and answers on its own (receipt, status, result). */
export type ChatAction =
  | { kind: 'file'; draft: Draft }
  | { kind: 'list' }
  | { kind: 'status'; trackingCode: string }
  | { kind: 'add_info'; trackingCode: string; text?: string | undefined; photo?: string | undefined }
  | { kind: 'rate'; trackingCode: string; rating: number; reopen: boolean };

export interface QuickReply {
  /** What the button says (LINE takes at most 20 characters). */
  label: string;
  /** What choosing it sends, as if typed. */
  text: string;
}

export interface Reply {
  text: string;
  quickReplies?: QuickReply[] | undefined;
  /** Offer the channel's "share location" button. */
  askLocation?: boolean | undefined;
  /** Offer the channel's camera and photo buttons. */
  askPhoto?: boolean | undefined;
}

/** What the caller knows that the conversation needs, given as plain functions. */
export interface ConversationFacts {
  /** The classifier's category for a text, if it has one. */
  suggestCategory(text: string): { code: string; nameTh: string } | undefined;
  /** The district a point lies in. */
  placeAt(lat: number, lon: number): Place | undefined;
  /** A province, or "district province", typed by name. */
  placeNamed(text: string): Place | undefined;
  /** The tracking code of the citizen's latest case still open, if any. */
  openCase: string | undefined;
}

export interface Turn {
  state: ChatState;
  replies: Reply[];
  action?: ChatAction | undefined;
}

const IDLE: ChatState = { step: 'idle' };

/** Whether a conversation last written to at `lastMessageAt` has been dropped by `now`. */
export function isExpired(lastMessageAt: Date, now: Date): boolean {
  return now.getTime() - lastMessageAt.getTime() > IDLE_LIMIT_MS;
}

/** The next turn of the conversation. */
export function converse(state: ChatState, input: ChatInput, facts: ConversationFacts): Turn {
  const text = input.kind === 'text' ? input.text.trim() : undefined;
  if (text !== undefined && isCommand(text, COMMANDS.cancel)) {
    return { state: IDLE, replies: [state.step === 'idle' ? { text: TEXTS.nothingToCancel, quickReplies: menu() } : { text: TEXTS.cancelled, quickReplies: menu() }] };
  }
  if (input.kind === 'greeting') return { state, replies: [{ text: TEXTS.welcome, quickReplies: menu() }] };
  switch (state.step) {
    case 'idle':
      return idle(input, facts);
    case 'describe':
      return text === undefined ? ask(state, TEXTS.describeAsText) : described(text, facts);
    case 'category':
      return chooseCategory(state, text);
    case 'location':
      return locate(state, input, facts);
    case 'photos':
      return addPhoto(state, input);
    case 'identity':
      return chooseIdentity(state, text);
    case 'name':
      return giveName(state, text);
    case 'phone':
      return givePhone(state, text);
    case 'confidential':
      return chooseConfidential(state, text);
    case 'confirm':
      return confirm(state, text);
    case 'which_case':
      return whichCase(state, text, facts);
    case 'add_info':
      return addInfo(state, input);
    case 'rating':
      return rate(state, text);
    case 'reopen':
      return reopen(state, text);
  }
}

/** The first menu: file a complaint, follow one's cases. */
export function menu(): QuickReply[] {
  return [
    { label: 'แจ้งเรื่องร้องเรียน', text: COMMANDS.file[0] },
    { label: 'ติดตามเรื่อง', text: COMMANDS.follow[0] },
  ];
}

function ask(state: ChatState, text: string, extra: Omit<Reply, 'text'> = {}): Turn {
  return { state, replies: [{ text, ...extra }] };
}

const yesNo = (yes: string, no: string): QuickReply[] => [
  { label: yes, text: yes },
  { label: no, text: no },
];

function idle(input: ChatInput, facts: ConversationFacts): Turn {
  if (input.kind !== 'text') return { state: IDLE, replies: [{ text: TEXTS.welcome, quickReplies: menu() }] };
  const text = input.text.trim();
  if (isCommand(text, COMMANDS.follow)) return { state: IDLE, replies: [], action: { kind: 'list' } };
  if (isCommand(text, COMMANDS.file)) return ask({ step: 'describe' }, TEXTS.askDescription);
  if (isCommand(text, COMMANDS.greetings)) return { state: IDLE, replies: [{ text: TEXTS.welcome, quickReplies: menu() }] };
  const named = namedCase(text);
  if (named) {
    const rest = named.rest;
    if (isCommand(rest, COMMANDS.addInfo)) return ask({ step: 'add_info', trackingCode: named.code }, TEXTS.askInformation(named.code), { askPhoto: true });
    if (isCommand(rest, COMMANDS.rate)) return ask({ step: 'rating', trackingCode: named.code }, TEXTS.askRating(named.code), { quickReplies: ratingChoices() });
    if (rest === '') return { state: IDLE, replies: [], action: { kind: 'status', trackingCode: named.code } };
    // The code and more words: information about that case.
    return { state: IDLE, replies: [], action: { kind: 'add_info', trackingCode: named.code, text: rest } };
  }
  if (facts.openCase) {
    return ask({ step: 'which_case', trackingCode: facts.openCase, text }, TEXTS.aboutOpenCase(facts.openCase), {
      quickReplies: [
        { label: 'เรื่องเดิม', text: COMMANDS.sameCase[0] },
        { label: 'เรื่องใหม่', text: COMMANDS.newCase[0] },
      ],
    });
  }
  return described(text, facts);
}

/** A tracking code at the start of a text, with the words after it. */
function namedCase(text: string): { code: string; rest: string } | undefined {
  const match = /^(?:(เพิ่มข้อมูล|ประเมิน|add|rate)\s+)?(RT\s*-?\s*\d{2}\s*-?\s*[0-9A-Za-z]{6})(?:\s+([\s\S]*))?$/iu.exec(text);
  const code = match?.[2] ? normaliseTrackingCode(match[2]) : null;
  if (!match || !code) return undefined;
  const verb = match[1] ?? '';
  return { code, rest: verb ? verb : (match[3] ?? '').trim() };
}

function described(text: string, facts: ConversationFacts): Turn {
  if (text.length < MIN_DESCRIPTION) return ask({ step: 'describe' }, TEXTS.describeMore);
  if (text.length > MAX_DESCRIPTION) return ask({ step: 'describe' }, TEXTS.describeShorter(MAX_DESCRIPTION));
  const draft: Draft = { description: text, photos: [] };
  const suggestion = facts.suggestCategory(text);
  if (!suggestion) return askLocation(draft);
  return ask({ step: 'category', draft, suggestion }, TEXTS.confirmCategory(suggestion.nameTh), { quickReplies: yesNo('ใช่', 'ไม่ใช่') });
}

function chooseCategory(state: Extract<ChatState, { step: 'category' }>, text: string | undefined): Turn {
  if (text !== undefined && isCommand(text, COMMANDS.yes)) return askLocation({ ...state.draft, category: state.suggestion });
  // Not the suggested one: staff classify it at screening.
  if (text !== undefined && isCommand(text, COMMANDS.no)) return askLocation(state.draft, TEXTS.categoryLeftToStaff);
  return ask(state, TEXTS.confirmCategory(state.suggestion.nameTh), { quickReplies: yesNo('ใช่', 'ไม่ใช่') });
}

function askLocation(draft: Draft, before?: string): Turn {
  const replies: Reply[] = [...(before ? [{ text: before }] : []), { text: TEXTS.askLocation, askLocation: true, quickReplies: [{ label: 'ข้าม', text: COMMANDS.skip[0] }] }];
  return { state: { step: 'location', draft }, replies };
}

function locate(state: Extract<ChatState, { step: 'location' }>, input: ChatInput, facts: ConversationFacts): Turn {
  if (input.kind === 'location') {
    const place = facts.placeAt(input.lat, input.lon);
    if (!place) return ask(state, TEXTS.locationOutside, { askLocation: true });
    return askPhotos({ ...state.draft, place: { ...place, lat: input.lat, lon: input.lon, address: input.address } }, TEXTS.locationFound(place.labelTh));
  }
  if (input.kind !== 'text') return ask(state, TEXTS.askLocation, { askLocation: true });
  if (isCommand(input.text, COMMANDS.skip)) return askPhotos(state.draft);
  const place = facts.placeNamed(input.text);
  if (!place) return ask(state, TEXTS.placeUnknown, { askLocation: true, quickReplies: [{ label: 'ข้าม', text: COMMANDS.skip[0] }] });
  return askPhotos({ ...state.draft, place }, TEXTS.locationFound(place.labelTh));
}

const photoChoices = (): QuickReply[] => [{ label: 'ไม่มีรูป / เสร็จแล้ว', text: COMMANDS.done[0] }];

function askPhotos(draft: Draft, before?: string): Turn {
  const replies: Reply[] = [...(before ? [{ text: before }] : []), { text: TEXTS.askPhotos(MAX_PHOTOS), askPhoto: true, quickReplies: photoChoices() }];
  return { state: { step: 'photos', draft }, replies };
}

function addPhoto(state: Extract<ChatState, { step: 'photos' }>, input: ChatInput): Turn {
  if (input.kind === 'image_refused') return ask(state, TEXTS.photoRefused(input.reasonTh), { askPhoto: true, quickReplies: photoChoices() });
  if (input.kind === 'image') {
    if (state.draft.photos.length >= MAX_PHOTOS) return askIdentity(state.draft, TEXTS.tooManyPhotos(MAX_PHOTOS));
    const draft = { ...state.draft, photos: [...state.draft.photos, input.ref] };
    return ask({ step: 'photos', draft }, TEXTS.photoTaken(draft.photos.length), { askPhoto: true, quickReplies: photoChoices() });
  }
  if (input.kind === 'text' && (isCommand(input.text, COMMANDS.done) || isCommand(input.text, COMMANDS.skip))) return askIdentity(state.draft);
  return ask(state, TEXTS.askPhotos(MAX_PHOTOS), { askPhoto: true, quickReplies: photoChoices() });
}

const identityChoices = (): QuickReply[] => [
  { label: 'ไม่ประสงค์ออกนาม', text: COMMANDS.anonymous[0] },
  { label: 'ให้ชื่อและเบอร์โทร', text: COMMANDS.named[0] },
];

function askIdentity(draft: Draft, before?: string): Turn {
  const replies: Reply[] = [...(before ? [{ text: before }] : []), { text: TEXTS.askIdentity, quickReplies: identityChoices() }];
  return { state: { step: 'identity', draft }, replies };
}

function chooseIdentity(state: Extract<ChatState, { step: 'identity' }>, text: string | undefined): Turn {
  if (text !== undefined && isCommand(text, COMMANDS.anonymous)) return askConfirm({ ...state.draft, anonymous: true, confidential: false });
  if (text !== undefined && isCommand(text, COMMANDS.named)) return ask({ step: 'name', draft: { ...state.draft, anonymous: false } }, TEXTS.askName);
  return ask(state, TEXTS.askIdentity, { quickReplies: identityChoices() });
}

function giveName(state: Extract<ChatState, { step: 'name' }>, text: string | undefined): Turn {
  if (!text || text.length > MAX_NAME) return ask(state, TEXTS.askName);
  return ask({ step: 'phone', draft: { ...state.draft, name: text } }, TEXTS.askPhone, { quickReplies: [{ label: 'ข้าม', text: COMMANDS.skip[0] }] });
}

function givePhone(state: Extract<ChatState, { step: 'phone' }>, text: string | undefined): Turn {
  const next = (draft: Draft) => ask({ step: 'confidential', draft }, TEXTS.askConfidential, { quickReplies: yesNo('ปกปิด', 'ไม่ต้องปกปิด') });
  if (text !== undefined && isCommand(text, COMMANDS.skip)) return next(state.draft);
  const phone = text === undefined ? '' : normalisePhone(text);
  if (!/^0\d{8,9}$/.test(phone)) return ask(state, TEXTS.phoneInvalid, { quickReplies: [{ label: 'ข้าม', text: COMMANDS.skip[0] }] });
  return next({ ...state.draft, phone });
}

function chooseConfidential(state: Extract<ChatState, { step: 'confidential' }>, text: string | undefined): Turn {
  if (text !== undefined && isCommand(text, COMMANDS.confidential)) return askConfirm({ ...state.draft, confidential: true });
  if (text !== undefined && isCommand(text, COMMANDS.notConfidential)) return askConfirm({ ...state.draft, confidential: false });
  return ask(state, TEXTS.askConfidential, { quickReplies: yesNo('ปกปิด', 'ไม่ต้องปกปิด') });
}

function askConfirm(draft: Draft): Turn {
  return ask({ step: 'confirm', draft }, TEXTS.summary(draft), { quickReplies: yesNo('ยืนยัน', 'ยกเลิก') });
}

function confirm(state: Extract<ChatState, { step: 'confirm' }>, text: string | undefined): Turn {
  if (text !== undefined && isCommand(text, COMMANDS.confirm)) return { state: IDLE, replies: [], action: { kind: 'file', draft: state.draft } };
  return ask(state, TEXTS.summary(state.draft), { quickReplies: yesNo('ยืนยัน', 'ยกเลิก') });
}

function whichCase(state: Extract<ChatState, { step: 'which_case' }>, text: string | undefined, facts: ConversationFacts): Turn {
  if (text !== undefined && isCommand(text, COMMANDS.sameCase)) return { state: IDLE, replies: [], action: { kind: 'add_info', trackingCode: state.trackingCode, text: state.text } };
  if (text !== undefined && isCommand(text, COMMANDS.newCase)) return described(state.text, facts);
  return ask(state, TEXTS.aboutOpenCase(state.trackingCode), {
    quickReplies: [
      { label: 'เรื่องเดิม', text: COMMANDS.sameCase[0] },
      { label: 'เรื่องใหม่', text: COMMANDS.newCase[0] },
    ],
  });
}

function addInfo(state: Extract<ChatState, { step: 'add_info' }>, input: ChatInput): Turn {
  if (input.kind === 'text' && input.text.trim()) return { state: IDLE, replies: [], action: { kind: 'add_info', trackingCode: state.trackingCode, text: input.text.trim() } };
  if (input.kind === 'image') return { state: IDLE, replies: [], action: { kind: 'add_info', trackingCode: state.trackingCode, photo: input.ref } };
  if (input.kind === 'image_refused') return ask(state, TEXTS.photoRefused(input.reasonTh), { askPhoto: true });
  return ask(state, TEXTS.askInformation(state.trackingCode), { askPhoto: true });
}

/** ๑–๕: the satisfaction scale of the web form, 5 the best. */
function ratingChoices(): QuickReply[] {
  return [5, 4, 3, 2, 1].map((rating) => ({ label: `${rating} ${TEXTS.ratingLabels[rating - 1] ?? ''}`.trim(), text: String(rating) }));
}

function rate(state: Extract<ChatState, { step: 'rating' }>, text: string | undefined): Turn {
  const rating = text === undefined ? NaN : Number(text.replace(/[๐-๙]/gu, (digit) => String(digit.charCodeAt(0) - 0x0e50)).trim().charAt(0));
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) return ask(state, TEXTS.askRating(state.trackingCode), { quickReplies: ratingChoices() });
  return ask({ step: 'reopen', trackingCode: state.trackingCode, rating }, TEXTS.askAcceptResult, {
    quickReplies: [
      { label: 'พอใจ ปิดเรื่อง', text: COMMANDS.accept[0] },
      { label: 'ขอให้พิจารณาใหม่', text: COMMANDS.reopen[0] },
    ],
  });
}

function reopen(state: Extract<ChatState, { step: 'reopen' }>, text: string | undefined): Turn {
  const choice = text === undefined ? undefined : isCommand(text, COMMANDS.accept) ? false : isCommand(text, COMMANDS.reopen) ? true : undefined;
  if (choice === undefined) {
    return ask(state, TEXTS.askAcceptResult, {
      quickReplies: [
        { label: 'พอใจ ปิดเรื่อง', text: COMMANDS.accept[0] },
        { label: 'ขอให้พิจารณาใหม่', text: COMMANDS.reopen[0] },
      ],
    });
  }
  return { state: IDLE, replies: [], action: { kind: 'rate', trackingCode: state.trackingCode, rating: state.rating, reopen: choice } };
}
