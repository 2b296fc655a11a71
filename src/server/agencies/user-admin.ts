/**
 * User administration (จัดการผู้ใช้): the rules of who administers which accounts are
 * policy/user.ts; here they become errors (accounts outside the administrator's subtree do
 * not exist for them: 404). Each change is one transaction with its audit record; passwords
 * are hashed before it opens (argon2 takes a moment) and never logged.
 *
 * The commands live here rather than one a file under commands/: they share their checks
 * (scope, roles, self-lockout) and are small.
 */
import type { AuditDetails } from '../../shared/audit-actions.ts';
import type { Role } from '../../shared/case-model.ts';
import { recordAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, conflict, forbidden, invalidInput, notFound } from '../platform/errors.ts';
import { hashPassword } from './passwords.ts';
import { canAdministerUsersOf, canManageRole, canManageUsers, selfLockout, userListSubtree, type SelfLockout } from './policy/user.ts';
import {
  deleteSessionsOfUser,
  findAgencyRefByCode,
  findUserAccount,
  insertUserAccount,
  listUserAccounts,
  updateUserAccount,
  type UserAccount,
  type UserAccountPatch,
} from './queries.ts';
import { subtreePattern } from './scope.ts';
import type { AuthUser } from './sessions.ts';

export interface UserListQuery {
  q?: string | undefined;
  agencyCode?: string | undefined;
  role?: Role | undefined;
  active?: boolean | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface NewUserAccount {
  username: string;
  displayName: string;
  email?: string | undefined;
  agencyCode: string;
  role: Role;
  password: string;
}

export interface UserAccountChanges {
  displayName?: string | undefined;
  email?: string | null | undefined;
  role?: Role | undefined;
  active?: boolean | undefined;
  password?: string | undefined;
}

/** Only administrators manage users at all. */
function requireUserAdministrator(user: AuthUser): void {
  if (!canManageUsers(user)) throw forbidden('Only administrators manage users', 'เฉพาะผู้ดูแลระบบและผู้ดูแลหน่วยงานเท่านั้นที่จัดการผู้ใช้ได้');
}

/** `system_admin` is granted by system administrators only. */
function requireGrantable(user: AuthUser, role: Role): void {
  if (!canManageRole(user, role)) {
    throw new AppError(403, 'forbidden', 'Only system administrators grant system_admin', 'เฉพาะผู้ดูแลระบบเท่านั้นที่กำหนดบทบาทผู้ดูแลระบบได้', [
      { field: 'role', message: 'may not grant system_admin', messageTh: 'เฉพาะผู้ดูแลระบบเท่านั้นที่กำหนดบทบาทนี้ได้' },
    ]);
  }
}

/** Users of the administrator's subtree by username, filtered; 403 for other roles. */
export async function listUsers(ctx: AppContext, user: AuthUser, query: UserListQuery): Promise<{ items: UserAccount[]; nextCursor: string | null }> {
  requireUserAdministrator(user);
  const subtree = userListSubtree(user);
  const patterns = subtree === null ? [] : [subtreePattern(subtree)];
  if (query.agencyCode) {
    const agency = await findAgencyRefByCode(ctx.db, query.agencyCode);
    if (!agency) throw invalidInput([{ field: 'query.agencyCode', message: `unknown agency ${query.agencyCode}`, messageTh: `ไม่พบหน่วยงาน ${query.agencyCode}` }]);
    // Outside the administrator's subtree the two patterns match nothing: an empty list.
    patterns.push(subtreePattern(agency.path));
  }
  const rows = await listUserAccounts(ctx.db, {
    q: query.q,
    agencyPathPatterns: patterns,
    role: query.role,
    active: query.active,
    afterUsername: query.cursor,
    limit: query.limit + 1,
  });
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? (items[items.length - 1]?.username ?? null) : null };
}

/** Creates an account; 400 for an unknown agency, 403 outside the subtree or for system_admin, 409 for a taken username. */
export async function createUser(ctx: AppContext, user: AuthUser, input: NewUserAccount): Promise<UserAccount> {
  requireUserAdministrator(user);
  requireGrantable(user, input.role);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const agency = await findAgencyRefByCode(tx, input.agencyCode);
    if (!agency) throw invalidInput([{ field: 'agencyCode', message: `unknown agency ${input.agencyCode}`, messageTh: `ไม่พบหน่วยงาน ${input.agencyCode}` }]);
    if (!canAdministerUsersOf(user, agency.path)) {
      throw new AppError(403, 'forbidden', 'You administer users of your agency and those below it only', 'ท่านจัดการผู้ใช้ได้เฉพาะหน่วยงานของท่านและหน่วยงานในสังกัด', [
        { field: 'agencyCode', message: 'outside the agencies you administer', messageTh: 'หน่วยงานนี้อยู่นอกหน่วยงานที่ท่านดูแล' },
      ]);
    }
    const id = await insertUserAccount(tx, {
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      agencyId: agency.id,
      role: input.role,
      passwordHash,
    });
    if (!id) throw conflict('username_taken', `Username ${input.username} is taken`, `ชื่อผู้ใช้ ${input.username} มีผู้ใช้แล้ว`, [{ field: 'username', message: 'already taken', messageTh: 'ชื่อผู้ใช้นี้มีผู้ใช้แล้ว' }]);
    await recordAudit(tx, {
      actor: { userId: user.id, label: user.username },
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      details: { username: input.username, role: input.role, agencyCode: agency.code },
      at: ctx.now(),
    });
    return (await findUserAccount(tx, id)) ?? notFoundUser();
  });
}

/**
 * Changes an account. Deactivating it or setting its password ends its sessions (a user
 * setting their own password keeps the session they do it from). Nobody deactivates or
 * changes the role of their own account: another administrator must (no lock-out by mistake).
 */
export async function updateUser(ctx: AppContext, user: AuthUser, id: string, changes: UserAccountChanges): Promise<UserAccount> {
  requireUserAdministrator(user);
  if (changes.role) requireGrantable(user, changes.role);
  const passwordHash = changes.password === undefined ? undefined : await hashPassword(changes.password);
  return ctx.db.transaction(async (tx) => {
    const target = await findUserAccount(tx, id, { lock: true });
    if (!target || !canAdministerUsersOf(user, target.agencyPath)) notFoundUser();
    if (!canManageRole(user, target.role)) throw forbidden('Only system administrators change a system administrator', 'เฉพาะผู้ดูแลระบบเท่านั้นที่แก้ไขบัญชีของผู้ดูแลระบบได้');
    refuseSelfLockout(selfLockout(user, target, changes));

    const patch: UserAccountPatch = { displayName: changes.displayName, email: changes.email, role: changes.role, active: changes.active, passwordHash };
    await updateUserAccount(tx, id, patch);
    const deactivated = changes.active === false && target.active;
    const sessionsEnded =
      deactivated || passwordHash ? await deleteSessionsOfUser(tx, id, target.id === user.id ? user.sessionTokenHash : undefined) : 0;
    await recordAudit(tx, {
      actor: { userId: user.id, label: user.username },
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      details: { username: target.username, changes: describeChanges(target, changes), sessionsEnded },
      at: ctx.now(),
    });
    return (await findUserAccount(tx, id)) ?? notFoundUser();
  });
}

function refuseSelfLockout(field: SelfLockout | undefined): void {
  if (field === 'active') {
    throw conflict('self_lockout', 'You may not deactivate your own account', 'ไม่สามารถระงับบัญชีของตนเองได้ ให้ผู้ดูแลระบบท่านอื่นดำเนินการ', [
      { field: 'active', message: 'your own account', messageTh: 'ท่านระงับบัญชีของตนเองไม่ได้' },
    ]);
  }
  if (field === 'role') {
    throw conflict('self_lockout', 'You may not change your own role', 'ไม่สามารถเปลี่ยนบทบาทของตนเองได้ ให้ผู้ดูแลระบบท่านอื่นดำเนินการ', [
      { field: 'role', message: 'your own account', messageTh: 'ท่านเปลี่ยนบทบาทของตนเองไม่ได้' },
    ]);
  }
}

/** What changed, for the audit log: old and new values, never a password. */
function describeChanges(before: UserAccount, changes: UserAccountChanges): UserChangeDetails {
  const described: UserChangeDetails = {};
  const compare = <K extends keyof Omit<UserChangeDetails, 'password'>>(key: K) => {
    const value = changes[key];
    if (value !== undefined && value !== before[key]) described[key] = { from: before[key], to: value } as UserChangeDetails[K];
  };
  compare('displayName');
  compare('email');
  compare('role');
  compare('active');
  if (changes.password !== undefined) described.password = 'changed';
  return described;
}

/** The changes of an account as the audit record `user.update` holds them. */
type UserChangeDetails = AuditDetails<'user.update'>['changes'];

function notFoundUser(): never {
  throw notFound('User', 'ผู้ใช้');
}
