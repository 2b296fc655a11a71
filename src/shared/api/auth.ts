/** Signing in and out, and the signed-in user. */
import { z } from 'zod';
import { ROLES } from '../case-model.ts';
import { STAFF_PAGES } from '../staff-work.ts';
import { plainText, trimmedText } from './fields.ts';

/** POST /api/v1/auth/login */
export const LoginBodySchema = z.object({
  username: trimmedText(1, 100),
  password: plainText(200).min(1),
});

/** The signed-in user (GET /api/v1/auth/me). */
export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  agency: z.object({ id: z.string(), code: z.string(), nameTh: z.string(), nameEn: z.string() }),
  // Added to the API in issue 12 (the fields above are unchanged): the user's pages of the
  // console and the administration, their first page (where they land) first, so the web app
  // offers them without deciding by role itself.
  pages: z.array(z.enum(STAFF_PAGES)).describe('The pages the user works in, their first page first'),
  // Also added in issue 12, for the administration's forms and tree (the server's policy decides):
  grantableRoles: z.array(z.enum(ROLES)).describe('The roles the user may give accounts; empty for those who manage no users'),
  administersEveryAgency: z.boolean().describe('The user administers every agency and the national settings: the agency tree from its root'),
});
export type SessionUser = z.output<typeof UserSchema>;

export const LoginResponseSchema = z.object({ token: z.string(), expiresAt: z.string(), user: UserSchema });
export type LoginResponse = z.output<typeof LoginResponseSchema>;
