/** SQL of agencies, users and sessions. */
import { z } from 'zod';
import { AgencySchema } from '../../shared/api/agencies.ts';
import { AgencyRefSchema } from '../../shared/api/fields.ts';
import { UserAccountSchema as UserAccountView } from '../../shared/api/users.ts';
import type { Role } from '../../shared/case-model.ts';
import type { Queryable } from '../platform/database.ts';
import { pathIds } from './scope.ts';
import { CountRow, IdRow, queryRow, queryRows } from '../platform/rows.ts';


/** A user with their agency's columns: the API's account fields (src/shared/api/users.ts), the agency flat. */
const UserWithAgencySchema = UserAccountView.pick({ username: true, displayName: true, role: true })
  .extend({ id: z.string(), agencyId: z.string(), agencyCode: z.string(), agencyNameTh: z.string(), agencyNameEn: z.string(), agencyPath: z.string() })
  .describe('user');
export type UserWithAgency = z.output<typeof UserWithAgencySchema>;

const SessionUserSchema = UserWithAgencySchema.extend({ lastSeenAt: z.date() }).describe('session user');

const USER_WITH_AGENCY_COLUMNS = `u.id, u.username, u.display_name, u.role, a.id AS agency_id, a.code AS agency_code,
  a.name_th AS agency_name_th, a.name_en AS agency_name_en, a.path AS agency_path`;

export async function findUserById(db: Queryable, userId: string): Promise<UserWithAgency | undefined> {
  return queryRow(
    db,
    UserWithAgencySchema,
    `SELECT ${USER_WITH_AGENCY_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1`,
    [userId],
  );
}

export async function findUserByUsername(db: Queryable, username: string): Promise<UserWithAgency | undefined> {
  return queryRow(
    db,
    UserWithAgencySchema,
    `SELECT ${USER_WITH_AGENCY_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.username = $1`,
    [username],
  );
}

export async function countAgencies(db: Queryable): Promise<number> {
  const row = await queryRow(db, CountRow, 'SELECT count(*)::int AS count FROM agencies');
  return row?.count ?? 0;
}

export async function findUserBySessionHash(
  db: Queryable,
  tokenHash: string,
  now: Date,
): Promise<(UserWithAgency & { lastSeenAt: Date }) | undefined> {
  return queryRow(
    db,
    SessionUserSchema,
    `SELECT ${USER_WITH_AGENCY_COLUMNS}, s.last_seen_at
     FROM sessions s JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = u.agency_id
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active`,
    [tokenHash, now],
  );
}

export async function touchSession(db: Queryable, tokenHash: string, now: Date): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1', [tokenHash, now]);
}

export async function insertSession(db: Queryable, tokenHash: string, userId: string, now: Date, expiresAt: Date): Promise<void> {
  await db.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $3)', [
    tokenHash,
    userId,
    now,
    expiresAt,
  ]);
}

export async function deleteSessionByHash(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

const LoginCredentialsSchema = z.object({ id: z.string(), username: z.string(), passwordHash: z.string() }).describe('login credentials');
export type LoginCredentials = z.output<typeof LoginCredentialsSchema>;

export async function findLoginCredentials(db: Queryable, username: string): Promise<LoginCredentials | undefined> {
  const [found] = await findLoginCredentialsOf(db, [username]);
  return found;
}

/** The active accounts among `usernames`, in username order. */
export async function findLoginCredentialsOf(db: Queryable, usernames: readonly string[]): Promise<LoginCredentials[]> {
  return queryRows(
    db,
    LoginCredentialsSchema,
    'SELECT id, username, password_hash FROM users WHERE username = ANY($1::text[]) AND active ORDER BY username',
    [usernames],
  );
}

/** An agency row is the API's agency (src/shared/api/agencies.ts) with its id, its parent's and its path. */
const AgencyRowSchema = AgencySchema.extend({ id: z.string(), parentId: z.string().nullable(), path: z.string() }).describe('agency');
export type Agency = z.output<typeof AgencyRowSchema>;

const AGENCY_COLUMNS = `a.id, a.code, a.parent_id, p.code AS parent_code, a.path, a.kind, a.name_th, a.name_en, a.area_codes, a.active,
  (SELECT count(*) FROM agencies c WHERE c.parent_id = a.id)::int AS child_count`;

/** A `LIKE` pattern matching text that contains `fragment` literally (backslash, % and _ escaped). */
function containing(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function findAgencyByCode(db: Queryable, code: string): Promise<Agency | undefined> {
  return queryRow(db, AgencyRowSchema, `SELECT ${AGENCY_COLUMNS} FROM agencies a LEFT JOIN agencies p ON p.id = a.parent_id WHERE a.code = $1`, [code]);
}

export interface AgencyListFilter {
  q?: string | undefined;
  parentCode?: string | undefined;
  /** The agency of this code and every agency below it. */
  withinCode?: string | undefined;
  /** Keyset: codes after this one. */
  afterCode?: string | undefined;
  limit: number;
}

/** Agencies by code order, matching a name or code fragment and/or children of a parent. */
export async function listAgencies(db: Queryable, filter: AgencyListFilter): Promise<Agency[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.q) {
    params.push(containing(filter.q));
    where.push(`(a.name_th ILIKE $${params.length} OR a.name_en ILIKE $${params.length} OR a.code ILIKE $${params.length})`);
  }
  if (filter.parentCode) {
    params.push(filter.parentCode);
    where.push(`p.code = $${params.length}`);
  }
  if (filter.withinCode) {
    params.push(filter.withinCode);
    where.push(`a.path LIKE (SELECT path FROM agencies WHERE code = $${params.length}) || '%'`);
  }
  if (filter.afterCode) {
    params.push(filter.afterCode);
    where.push(`a.code > $${params.length}`);
  }
  params.push(filter.limit);
  return queryRows(
    db,
    AgencyRowSchema,
    `SELECT ${AGENCY_COLUMNS} FROM agencies a LEFT JOIN agencies p ON p.id = a.parent_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY a.code LIMIT $${params.length}`,
    params,
  );
}

export interface NewAgency {
  code: string;
  parentCode: string | null;
  kind: string;
  nameTh: string;
  nameEn: string;
  areaCodes: string[];
}

/**
 * Inserts agencies whose parents come earlier in the list or exist already, computing each
 * path from its parent's. Many rows per statement: the demo seed holds about 2,000.
 */
export async function insertAgencies(db: Queryable, agencies: readonly NewAgency[], chunkSize = 500): Promise<void> {
  for (let start = 0; start < agencies.length; start += chunkSize) {
    const chunk = agencies.slice(start, start + chunkSize);
    // Rows of one chunk may be parents of later rows in it: insert level by level.
    const byDepth = new Map<number, NewAgency[]>();
    const depthOf = new Map<string, number>();
    for (const agency of chunk) {
      const parentDepth = agency.parentCode ? (depthOf.get(agency.parentCode) ?? -1) : -2;
      const depth = parentDepth + 1;
      depthOf.set(agency.code, depth);
      byDepth.set(depth, [...(byDepth.get(depth) ?? []), agency]);
    }
    for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
      const rows = byDepth.get(depth) ?? [];
      await db.query(
        `INSERT INTO agencies (id, code, parent_id, path, depth, kind, name_th, name_en, area_codes)
         SELECT n.id, n.code, p.id,
                COALESCE(p.path, '/') || n.id::text || '/',
                COALESCE(p.depth + 1, 0), n.kind, n.name_th, n.name_en, n.area_codes
         FROM (SELECT gen_random_uuid() AS id, * FROM jsonb_to_recordset($1::jsonb)
               AS x(code text, parent_code text, kind text, name_th text, name_en text, area_codes text[])) n
         LEFT JOIN agencies p ON p.code = n.parent_code`,
        [
          JSON.stringify(
            rows.map((row) => ({
              code: row.code,
              parent_code: row.parentCode,
              kind: row.kind,
              name_th: row.nameTh,
              name_en: row.nameEn,
              area_codes: row.areaCodes,
            })),
          ),
        ],
      );
    }
  }
}

export interface NewUser {
  username: string;
  displayName: string;
  email?: string | null;
  agencyCode: string;
  role: Role;
  passwordHash: string;
}

export async function insertUser(db: Queryable, user: NewUser): Promise<string> {
  const row = await queryRow(
    db,
    IdRow,
    `INSERT INTO users (username, display_name, email, agency_id, role, password_hash)
     SELECT $1, $2, $3, a.id, $5, $6 FROM agencies a WHERE a.code = $4
     RETURNING id`,
    [user.username.toLowerCase(), user.displayName, user.email ?? null, user.agencyCode, user.role, user.passwordHash],
  );
  if (!row) throw new Error(`agency ${user.agencyCode} does not exist`);
  return row.id;
}

/** The few columns a case needs of an agency. */
const AgencyRefRowSchema = AgencyRowSchema.pick({ id: true, code: true, nameTh: true, nameEn: true, path: true, active: true }).describe('agency reference');
export type AgencyRef = z.output<typeof AgencyRefRowSchema>;

export async function findAgencyRefByCode(db: Queryable, code: string): Promise<AgencyRef | undefined> {
  return queryRow(db, AgencyRefRowSchema, 'SELECT id, code, name_th, name_en, path, active FROM agencies WHERE code = $1', [code]);
}

export async function findAgencyRefById(db: Queryable, id: string): Promise<AgencyRef | undefined> {
  return queryRow(db, AgencyRefRowSchema, 'SELECT id, code, name_th, name_en, path, active FROM agencies WHERE id = $1', [id]);
}

const AncestorRefSchema = AgencyRefSchema.describe('ancestor agency');

/** The agencies above one, root first: the ids of its path ('/root/…/parent/self/') but its own, in one query. */
export async function listAncestorRefs(db: Queryable, agency: { id: string; path: string }): Promise<Array<{ code: string; nameTh: string; nameEn: string }>> {
  const ancestorIds = pathIds(agency.path).filter((id) => id !== agency.id);
  if (ancestorIds.length === 0) return [];
  return queryRows(db, AncestorRefSchema, 'SELECT code, name_th, name_en FROM agencies WHERE id = ANY($1::uuid[]) ORDER BY depth', [ancestorIds]);
}

/** The root of the agency tree: the hub that takes in citizens' complaints by default. */
export async function findRootAgencyId(db: Queryable): Promise<string | undefined> {
  const row = await queryRow(db, IdRow, 'SELECT id FROM agencies WHERE parent_id IS NULL ORDER BY created_at, code LIMIT 1');
  return row?.id;
}

/** A user as administrators manage them: never the password hash. */
const UserAccountRowSchema = UserWithAgencySchema.extend({ ...UserAccountView.pick({ email: true, active: true }).shape, createdAt: z.date() }).describe('user account');
export type UserAccount = z.output<typeof UserAccountRowSchema>;

const USER_ACCOUNT_COLUMNS = `u.id, u.username, u.display_name, u.email, u.role, u.active, u.created_at,
  a.id AS agency_id, a.code AS agency_code, a.name_th AS agency_name_th, a.name_en AS agency_name_en, a.path AS agency_path`;

export interface UserAccountFilter {
  /** Fragment of the username, display name or e-mail. */
  q?: string | undefined;
  /** `LIKE` patterns of agency paths a user's agency must match, all of them (scope, filter). */
  agencyPathPatterns: string[];
  role?: Role | undefined;
  active?: boolean | undefined;
  /** Keyset: usernames after this one. */
  afterUsername?: string | undefined;
  limit: number;
}

/** Users by username. */
export async function listUserAccounts(db: Queryable, filter: UserAccountFilter): Promise<UserAccount[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.q) {
    const like = param(containing(filter.q));
    where.push(`(u.username ILIKE ${like} OR u.display_name ILIKE ${like} OR u.email ILIKE ${like})`);
  }
  for (const pattern of filter.agencyPathPatterns) where.push(`a.path LIKE ${param(pattern)}`);
  if (filter.role) where.push(`u.role = ${param(filter.role)}`);
  if (filter.active !== undefined) where.push(`u.active = ${param(filter.active)}`);
  // Byte order on both engines, whatever the database's collation: the cursor compares alike.
  if (filter.afterUsername) where.push(`u.username COLLATE "C" > ${param(filter.afterUsername)}`);
  return queryRows(
    db,
    UserAccountRowSchema,
    `SELECT ${USER_ACCOUNT_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY u.username COLLATE "C" LIMIT ${param(filter.limit)}`,
    params,
  );
}

/** One user; `lock` holds the row until the transaction ends (changes to an account). */
export async function findUserAccount(db: Queryable, id: string, options: { lock?: boolean } = {}): Promise<UserAccount | undefined> {
  return queryRow(
    db,
    UserAccountRowSchema,
    `SELECT ${USER_ACCOUNT_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1${options.lock ? ' FOR UPDATE OF u' : ''}`,
    [id],
  );
}

/** Inserts a user; undefined when the username is taken. */
export async function insertUserAccount(
  db: Queryable,
  user: { username: string; displayName: string; email: string | null; agencyId: string; role: Role; passwordHash: string },
): Promise<string | undefined> {
  const row = await queryRow(
    db,
    IdRow,
    `INSERT INTO users (username, display_name, email, agency_id, role, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (username) DO NOTHING
     RETURNING id`,
    [user.username, user.displayName, user.email, user.agencyId, user.role, user.passwordHash],
  );
  return row?.id;
}

export interface UserAccountPatch {
  displayName?: string | undefined;
  email?: string | null | undefined;
  role?: Role | undefined;
  active?: boolean | undefined;
  passwordHash?: string | undefined;
}

export async function updateUserAccount(db: Queryable, id: string, patch: UserAccountPatch): Promise<void> {
  const columns: Array<[string, unknown]> = [
    ['display_name', patch.displayName],
    ['email', patch.email],
    ['role', patch.role],
    ['active', patch.active],
    ['password_hash', patch.passwordHash],
  ];
  const set = columns.filter(([, value]) => value !== undefined);
  if (set.length === 0) return;
  await db.query(`UPDATE users SET ${set.map(([column], index) => `${column} = $${index + 2}`).join(', ')} WHERE id = $1`, [
    id,
    ...set.map(([, value]) => value),
  ]);
}

/** Ends a user's sessions, but the one given (a user changing their own password stays signed in); returns how many. */
export async function deleteSessionsOfUser(db: Queryable, userId: string, exceptTokenHash?: string): Promise<number> {
  const rows = await db.query(
    `DELETE FROM sessions WHERE user_id = $1${exceptTokenHash ? ' AND token_hash <> $2' : ''} RETURNING token_hash`,
    exceptTokenHash ? [userId, exceptTokenHash] : [userId],
  );
  return rows.length;
}
