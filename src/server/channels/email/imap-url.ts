/**
 * The address of an agency's mailbox as the operator gives it: `imaps://user:password@host[:port][/folder]`
 * (TLS from the start, port 993 by default) or `imap://…` (port 143, STARTTLS when the server
 * offers it). The user and password are percent-encoded where needed (`%40` for an @ in the user).
 * Pure: parses and checks, connects to nothing.
 */

export interface ImapAddress {
  host: string;
  port: number;
  /** TLS from the first byte (imaps). */
  secure: boolean;
  user: string;
  password: string;
  /** The folder polled; INBOX unless the URL names another. */
  folder: string;
}

export interface ImapUrlProblem {
  message: string;
  messageTh: string;
}

/** The address in `url`, or the problem with it (never repeating the password). */
export function parseImapUrl(url: string): ImapAddress | ImapUrlProblem {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { message: 'not a URL: give imaps://user:password@host/ or imap://user:password@host/', messageTh: 'ไม่ใช่ URL กรุณาระบุในรูป imaps://ผู้ใช้:รหัสผ่าน@เครื่องแม่ข่าย/' };
  }
  if (parsed.protocol !== 'imap:' && parsed.protocol !== 'imaps:') {
    return { message: `the scheme must be imap or imaps, not ${parsed.protocol.replace(/:$/, '')}`, messageTh: 'ต้องขึ้นต้นด้วย imap:// หรือ imaps://' };
  }
  if (!parsed.hostname) return { message: 'the URL names no host', messageTh: 'ไม่ได้ระบุเครื่องแม่ข่าย (host)' };
  if (!parsed.username || !parsed.password) {
    return { message: 'the URL must carry the mailbox user and password (imaps://user:password@host/)', messageTh: 'ต้องระบุชื่อผู้ใช้และรหัสผ่านของกล่องจดหมายใน URL' };
  }
  if (parsed.search || parsed.hash) return { message: 'the URL takes no query or fragment', messageTh: 'URL ต้องไม่มีส่วน ? หรือ #' };
  let user: string;
  let password: string;
  let folder: string;
  try {
    user = decodeURIComponent(parsed.username);
    password = decodeURIComponent(parsed.password);
    folder = decodeURIComponent(parsed.pathname.replace(/^\/+|\/+$/g, '')) || 'INBOX';
  } catch {
    return { message: 'a percent-encoded part of the URL is broken', messageTh: 'การเข้ารหัส % ใน URL ไม่ถูกต้อง' };
  }
  const secure = parsed.protocol === 'imaps:';
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: parsed.port ? Number(parsed.port) : secure ? 993 : 143, secure, user, password, folder };
}

export function isImapUrlProblem(value: ImapAddress | ImapUrlProblem): value is ImapUrlProblem {
  return 'messageTh' in value;
}

/** The URL without its password, to show an operator which mailbox is connected. */
export function describeImapAddress(address: ImapAddress): string {
  return `${address.secure ? 'imaps' : 'imap'}://${encodeURIComponent(address.user)}@${address.host}:${address.port}/${encodeURIComponent(address.folder)}`;
}
