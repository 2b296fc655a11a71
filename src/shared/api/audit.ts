/** POST /api/v1/audit/checkpoints: a signed head of the audit chain, for an auditor to keep elsewhere. */
import { z } from 'zod';

export const CHECKPOINT_KIND = 'rongthuk.audit.checkpoint';

export const AuditCheckpointSchema = z.object({
  kind: z.literal(CHECKPOINT_KIND),
  version: z.literal(1),
  /** The chain head: the last record's number (0 for an empty log) and hash. */
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** When the head was read, ISO 8601. */
  at: z.string().datetime(),
  /** The signing key's public half (raw Ed25519, base64url). */
  publicKey: z.string().min(1),
  signature: z.string().min(1),
});
export type AuditCheckpoint = z.output<typeof AuditCheckpointSchema>;
