/** The user administration API (จัดการผู้ใช้): accounts within an administrator's agency subtree. */
import { z } from 'zod';
import { ROLES } from '../case-model.ts';
import { AgencyRefSchema, booleanQuery, pageOf, plainText, trimmedText, type ListQuery } from './fields.ts';

export const UserAccountSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: z.enum(ROLES),
  roleLabelTh: z.string(),
  active: z.boolean(),
  agency: AgencyRefSchema,
  createdAt: z.string(),
});
export type UserAccount = z.output<typeof UserAccountSchema>;

/** GET /api/v1/users */
export const UserListQuerySchema = z
  .object({
    q: trimmedText(1, 100).optional().describe('A fragment of the username, display name or e-mail'),
    agencyCode: trimmedText(1, 64).optional().describe('Users of this agency and the agencies below it'),
    role: z.enum(ROLES).optional(),
    active: booleanQuery().optional(),
    cursor: plainText(64).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type UserListQuery = ListQuery<typeof UserListQuerySchema>;

export const UserListSchema = pageOf(UserAccountSchema);

/** The rules of a username: 3–64 of a–z, 0–9, dot, underscore or hyphen (lower-cased). */
/** How long a username is, in characters. */
export const USERNAME_LENGTH = { min: 3, max: 64 } as const;
export const USERNAME_PATTERN = new RegExp(`^[a-z0-9._-]{${USERNAME_LENGTH.min},${USERNAME_LENGTH.max}}$`);
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;
/** A password: at least 12 characters. */
export const PasswordSchema = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX).describe('At least 12 characters');
const displayName = trimmedText(1, 200);
const email = z.email().max(254);

/** POST /api/v1/users */
export const NewUserSchema = z
  .object({
    username: z.string().trim().toLowerCase().regex(USERNAME_PATTERN, `must be ${USERNAME_LENGTH.min}–${USERNAME_LENGTH.max} of a–z, 0–9, dot, underscore or hyphen`),
    displayName,
    email: email.optional(),
    agencyCode: trimmedText(1, 64),
    role: z.enum(ROLES),
    password: PasswordSchema,
  })
  .strict();
export type NewUser = z.input<typeof NewUserSchema>;

/** PATCH /api/v1/users/{id}: only what changes. */
export const UserChangesSchema = z
  .object({ displayName: displayName.optional(), email: email.nullable().optional().describe('null removes it'), role: z.enum(ROLES).optional(), active: z.boolean().optional(), password: PasswordSchema.optional() })
  .strict();
export type UserChanges = z.input<typeof UserChangesSchema>;
