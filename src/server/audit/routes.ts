/**
 * POST /api/v1/audit/checkpoints: signs the audit chain head now, appends it to the checkpoint
 * file and returns it, for an auditor to keep outside this installation — also while the
 * server runs on the embedded database, which one process opens at a time. System
 * administrators only.
 *
 * The chain, its checkpoints, the checkpoint job and `rongthuk audit` are the platform's
 * (platform/audit*.ts: every capability writes the log, and none of them needs a user); this
 * route needs a signed-in user and the policy, so it lives above the platform.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditCheckpointSchema } from '../../shared/api/audit.ts';
import { canTakeAuditCheckpoint } from '../agencies/policy/agency.ts';
import { requireUser } from '../agencies/sessions.ts';
import { recordCheckpoint } from '../platform/audit-checkpoints.ts';
import type { AppContext } from '../platform/context.ts';
import { forbidden } from '../platform/errors.ts';

export function registerAuditRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  fastify.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/audit/checkpoints',
    {
      schema: {
        tags: ['audit'],
        summary: 'Sign the audit chain head (a checkpoint): keep the answer outside this installation; `rongthuk audit verify --checkpoints FILE` checks the log against it',
        response: { 201: AuditCheckpointSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      if (!canTakeAuditCheckpoint(user)) throw forbidden('Only system administrators take audit checkpoints', 'เฉพาะผู้ดูแลระบบเท่านั้นที่ลงนามจุดตรวจสอบบันทึกการตรวจสอบได้');
      return reply.code(201).send(await recordCheckpoint(ctx));
    },
  );
}
