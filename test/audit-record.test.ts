/**
 * The application's audit records are checked against the union of actions before they are
 * appended: a record that matches is stored exactly as given; one that does not throws, naming
 * the action and its fields (never their values), and writes nothing.
 */
import { expect, it } from 'vitest';
import { recordAudit, verifyAuditChain } from '../src/server/platform/audit.ts';
import type { AuditContent } from '../src/shared/audit-actions.ts';
import { describeEachDatabase } from './support/databases.ts';

const actor = { userId: null, label: 'citizen' };

describeEachDatabase('typed audit records', ({ db }) => {
  it('stores a matching record as given, key order and all, and the chain verifies', async () => {
    const details = { trackingCode: 'RT-2026-000123', from: 'awaiting_info', to: 'in_progress', files: 1 } as const;
    await db().transaction((tx) => recordAudit(tx, { actor, action: 'case.citizen_message', entityType: 'case', entityId: 'case-1', details }));
    const [row] = await db().query<{ action: string; details: Record<string, unknown> }>('SELECT action, details FROM audit_log ORDER BY seq DESC LIMIT 1');
    expect(row).toEqual({ action: 'case.citizen_message', details });
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('refuses a record that does not match, naming the action and field but not the value, and writes nothing', async () => {
    const [before] = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    const wrong = { action: 'identity.view', details: { trackingCode: 'RT-2026-000123', complainantId: 1234567890123 } } as unknown as AuditContent;
    const attempt = db().transaction((tx) => recordAudit(tx, { actor, entityType: 'case', entityId: 'case-1', ...wrong }));
    await expect(attempt).rejects.toThrow(/audit record "identity\.view" does not match its schema: details\.complainantId: /);
    await expect(attempt).rejects.not.toThrow(/1234567890123/);
    const [after] = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(after?.n).toBe(before?.n);
  });
});
