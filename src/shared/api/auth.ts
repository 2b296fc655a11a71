/** Signing in and out, and the signed-in user. */
import { z } from 'zod';
import { ROLES } from '../case-model.ts';
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
});
export type SessionUser = z.output<typeof UserSchema>;

export const LoginResponseSchema = z.object({ token: z.string(), expiresAt: z.string(), user: UserSchema });
export type LoginResponse = z.output<typeof LoginResponseSchema>;
