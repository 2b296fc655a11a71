/**
 * `email.poll`: every minute the worker reads each agency's mailbox over IMAP (imapflow) and
 * takes in the messages it has not taken yet (take-email.ts), oldest first. Bounded so that no
 * mailbox and no server holds the worker up: a few mailboxes and messages a run, timeouts on
 * every step, and a deadline after which the connection is cut. A message is marked \Seen only
 * after what became of it is committed; it is never deleted (the mailbox keeps the original).
 */
import { ImapFlow } from 'imapflow';
import type { AppContext } from '../../platform/context.ts';
import { defineSweepJob } from '../../platform/jobs.ts';
import { isImapUrlProblem, parseImapUrl, type ImapAddress } from './imap-url.ts';
import { highestTakenUid, listMailboxesToPoll, recordPoll, type MailboxRow } from './mailbox-queries.ts';
import { takeEmail, type TakenEmail } from './take-email.ts';

export const EMAIL_POLL_JOB = 'email.poll';
const POLL_EVERY_SECONDS = 60;

export interface PollLimits {
  /** Mailboxes read in one run (the longest unread first). */
  mailboxes: number;
  /** Messages taken from one mailbox in one run; the rest wait for the next. */
  messages: number;
  /** How long one mailbox may take before its connection is cut. */
  mailboxDeadlineMs: number;
  /** After this long no further mailbox is started: the run ends well within the worker's lease. */
  runDeadlineMs: number;
  /** A message larger than this is not fetched: it is kept for a person (the mailbox holds it). */
  maxMessageBytes: number;
}

export const DEFAULT_POLL_LIMITS: PollLimits = {
  mailboxes: 20,
  messages: 25,
  mailboxDeadlineMs: 60_000,
  runDeadlineMs: 180_000,
  maxMessageBytes: 30 * 1024 * 1024,
};

/** Connection timeouts: a server that does not answer fails the poll, which comes again next minute. */
const IMAP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

export interface MailboxPoll {
  agencyCode: string;
  /** What became of each message taken (none when the poll failed before). */
  taken: TakenEmail[];
  /** A short code of what went wrong (never the server's words), or null. */
  error: string | null;
}

/** Polls the active mailboxes once; each mailbox's failure is its own and recorded on it. */
export async function pollMailboxes(ctx: AppContext, limits: PollLimits = DEFAULT_POLL_LIMITS): Promise<MailboxPoll[]> {
  const started = Date.now();
  const polls: MailboxPoll[] = [];
  for (const mailbox of await listMailboxesToPoll(ctx.db, limits.mailboxes)) {
    if (Date.now() - started > limits.runDeadlineMs) break;
    polls.push(await pollMailbox(ctx, mailbox, limits));
  }
  return polls;
}

/** Reads one mailbox: the messages above the highest UID taken under the folder's UIDVALIDITY. */
export async function pollMailbox(ctx: AppContext, mailbox: MailboxRow, limits: PollLimits = DEFAULT_POLL_LIMITS): Promise<MailboxPoll> {
  const taken: TakenEmail[] = [];
  let error: string | null = null;
  const address = parseImapUrl(ctx.protector.decryptJson<{ url: string }>(mailbox.imapUrlCiphertext, mailboxContext(mailbox.id)).url);
  if (isImapUrlProblem(address)) {
    error = 'bad_url';
  } else {
    const client = imapClient(address);
    // A server that trickles bytes keeps each step alive: the deadline cuts the connection whatever it does.
    const deadline = setTimeout(() => client.close(), limits.mailboxDeadlineMs);
    try {
      await client.connect();
      const lock = await client.getMailboxLock(address.folder);
      try {
        await takeNewMessages(ctx, client, mailbox, limits, taken);
      } finally {
        lock.release();
      }
      await client.logout();
    } catch (failure) {
      error = errorCode(failure);
      client.close();
    } finally {
      clearTimeout(deadline);
    }
  }
  await recordPoll(ctx.db, mailbox.id, ctx.now(), error);
  return { agencyCode: mailbox.agencyCode, taken, error };
}

async function takeNewMessages(ctx: AppContext, client: ImapFlow, mailbox: MailboxRow, limits: PollLimits, taken: TakenEmail[]): Promise<void> {
  const opened = client.mailbox;
  if (!opened) throw Object.assign(new Error('no folder open'), { code: 'no_folder' });
  const uidValidity = Number(opened.uidValidity);
  const above = await highestTakenUid(ctx.db, mailbox.id, uidValidity);
  // `n:*` names the last message even when its UID is below n: filter.
  const uids = ((await client.search({ uid: `${above + 1}:*` }, { uid: true })) || []).filter((uid) => uid > above).sort((a, b) => a - b);
  for (const uid of uids.slice(0, limits.messages)) {
    const meta = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
    if (!meta) continue;
    const sizeBytes = meta.size ?? 0;
    const raw = sizeBytes > limits.maxMessageBytes ? undefined : (await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true }) || undefined)?.source;
    taken.push(await takeEmail(ctx, mailbox, { uidValidity, uid, raw, sizeBytes }));
    // Committed: now the mailbox may show it read.
    await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
  }
}

function imapClient(address: ImapAddress): ImapFlow {
  return new ImapFlow({
    host: address.host,
    port: address.port,
    secure: address.secure,
    auth: { user: address.user, pass: address.password },
    // Its log lines carry addresses and subjects: personal data stays out of the logs.
    logger: false,
    disableAutoIdle: true,
    ...IMAP_TIMEOUTS,
  });
}

/** A short code for what went wrong: imapflow's code, or the kind of failure. Never the server's text (it may name people). */
function errorCode(failure: unknown): string {
  const record = failure as { authenticationFailed?: boolean; code?: unknown; serverResponseCode?: unknown };
  if (record?.authenticationFailed) return 'authentication_failed';
  const code = typeof record?.serverResponseCode === 'string' ? record.serverResponseCode : typeof record?.code === 'string' ? record.code : 'error';
  return code.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40) || 'error';
}

/** The associated data the IMAP URL is sealed under: bound to its mailbox row. */
export const mailboxContext = (id: string) => `email-mailbox:${id}`;

/** The recurring poll, for the worker (app.ts): each mailbox's failure is recorded on it, and the next run comes a minute later. */
export const emailPollSweep = defineSweepJob(EMAIL_POLL_JOB, POLL_EVERY_SECONDS, (ctx) => pollMailboxes(ctx));
