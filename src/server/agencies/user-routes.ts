/**
 * The user administration API (จัดการผู้ใช้): list, create and change accounts within the
 * administrator's agency subtree. Password hashes never leave the server.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../shared/api/fields.ts';
import { NewUserSchema, UserAccountSchema, UserChangesSchema, UserListQuerySchema, UserListSchema, type UserAccount as UserAccountView } from '../../shared/api/users.ts';
import { ROLE_LABELS_TH } from '../../shared/case-model.ts';
import type { AppContext } from '../platform/context.ts';
import type { UserAccount } from './queries.ts';
import { requireUser } from './sessions.ts';
import { createUser, listUsers, updateUser } from './user-admin.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['admin'];

function presentAccount(user: UserAccount): UserAccountView {
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
        response: { 200: UserListSchema },
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
        params: IdParamsSchema,
        body: UserChangesSchema,
        security,
        response: { 200: UserAccountSchema },
      },
    },
    async (request) => presentAccount(await updateUser(ctx, requireUser(request), request.params.id, request.body)),
  );
}
