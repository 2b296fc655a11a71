/**
 * Signing in (เข้าสู่ระบบ): checks the password and opens a session, auditing the attempt
 * either way. The route sets the cookie; this never sees the HTTP request.
 */
import { recordAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { spendPasswordCheck, verifyPassword } from './passwords.ts';
import { findLoginCredentials, findUserById, type UserWithAgency } from './queries.ts';
import { createSession } from './sessions.ts';

/** Who a failed sign-in was, in the audit log, when the username is no account's. */
const UNKNOWN_USERNAME_LABEL = 'unknown-username';
/** The purpose of the keyed hash of an unknown username (crypto.ts keyedHash). */
const LOGIN_USERNAME_HASH_PURPOSE = 'login-username';

export interface SignInOptions {
  username: string;
  password: string;
  /** The address the attempt came from, for the audit log. */
  ip: string;
}

export interface SignedIn {
  token: string;
  expiresAt: Date;
  user: UserWithAgency;
}

/** A new session for the user; 401 `invalid_credentials` for a wrong password or an unknown or inactive username, alike. */
export async function signIn(ctx: AppContext, { username, password, ip }: SignInOptions): Promise<SignedIn> {
  const row = await findLoginCredentials(ctx.db, username.toLowerCase());
  const valid = row ? await verifyPassword(row.passwordHash, password) : (await spendPasswordCheck(password), false);
  if (!row || !valid) {
    // Failed attempts are audited too, so guessing shows in the log — but never the text typed
    // as a username that is no account's: it is often a password typed into the wrong field.
    // A keyed hash of it still lets an auditor see the same name tried again and again.
    await ctx.db.transaction((tx) =>
      recordAudit(tx, {
        actor: { userId: row?.id ?? null, label: row ? row.username : UNKNOWN_USERNAME_LABEL },
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: row?.id ?? null,
        details: {
          ip,
          knownUser: Boolean(row),
          ...(row ? {} : { usernameHash: ctx.protector.keyedHash(LOGIN_USERNAME_HASH_PURPOSE, username.toLowerCase()) }),
        },
        at: ctx.now(),
      }),
    );
    throw new AppError(401, 'invalid_credentials', 'Wrong username or password', 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง');
  }
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const session = await createSession(tx, row.id, now, ctx.config.sessionHours);
    await recordAudit(tx, { actor: { userId: row.id, label: row.username }, action: 'auth.login', entityType: 'user', entityId: row.id, details: { ip }, at: now });
    const user = await findUserById(tx, row.id);
    if (!user) throw new Error(`user ${row.id} vanished during sign-in`);
    return { ...session, user };
  });
}
