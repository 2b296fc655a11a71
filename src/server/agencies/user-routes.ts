/**
 * The user administration API (จัดการผู้ใช้): list, create and change accounts within the
 * administrator's agency subtree. Password hashes never leave the server.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLE_LABELS_TH, ROLES } from '../../shared/case-model.ts';
import type { AppContext } from '../platform/context.ts';
import { plainText, trimmedText } from '../platform/validation.ts';
import type { UserAccount } from './queries.ts';
import { requireUser } from './sessions.ts';
import { createUser, listUsers, updateUser } from './user-admin.ts';

export const UserAccountSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: z.enum(ROLES),
  roleLabelTh: z.string(),
  active: z.boolean(),
  agency: z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string() }),
  createdAt: z.string(),
});

const UserListQuerySchema = z
  .object({
    q: trimmedText(1, 100).optional().describe('A fragment of the username, display name or e-mail'),
    agencyCode: trimmedText(1, 64).optional().describe('Users of this agency and the agencies below it'),
    role: z.enum(ROLES).optional(),
    active: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    cursor: plainText(64).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const password = z.string().min(12).max(200).describe('At least 12 characters');
const displayName = trimmedText(1, 200);
const email = z.email().max(254);

export const NewUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9._-]{3,64}$/, 'must be 3–64 of a–z, 0–9, dot, underscore or hyphen'),
    displayName,
    email: email.optional(),
    agencyCode: trimmedText(1, 64),
    role: z.enum(ROLES),
    password,
  })
  .strict();

export const UserChangesSchema = z
  .object({ displayName: displayName.optional(), email: email.nullable().optional().describe('null removes it'), role: z.enum(ROLES).optional(), active: z.boolean().optional(), password: password.optional() })
  .strict();

const UserParamsSchema = z.object({ id: z.uuid() });
const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['admin'];

function presentAccount(user: UserAccount): z.infer<typeof UserAccountSchema> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    roleLabelTh: ROLE_LABELS_TH[user.role],
    active: user.active,
    agency: { code: user.agencyCode, nameTh: user.agencyNameTh, nameEn: user.agencyNameEn },
    createdAt: user.createdAt.toISOString(),
  };
}

export function registerUserRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Users you administer (system admin: all; agency admin: your agency and those below it), by username (keyset pages)',
        querystring: UserListQuerySchema,
        security,
        response: { 200: z.object({ items: z.array(UserAccountSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const page = await listUsers(ctx, requireUser(request), request.query);
      return { items: page.items.map(presentAccount), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a user in an agency you administer (audited); only system admins grant system_admin',
        body: NewUserSchema,
        security,
        response: { 201: UserAccountSchema },
      },
    },
    async (request, reply) => {
      const created = await createUser(ctx, requireUser(request), request.body);
      return reply.code(201).send(presentAccount(created));
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary:
          'Change a user (audited). Deactivating or setting a password ends their sessions; nobody deactivates or changes the role of their own account',
        params: UserParamsSchema,
        body: UserChangesSchema,
        security,
        response: { 200: UserAccountSchema },
      },
    },
    async (request) => presentAccount(await updateUser(ctx, requireUser(request), request.params.id, request.body)),
  );
}
