/**
 * The audit record of a saved filter keeps no personal data the search was for: the search
 * text redacted as for exports (complainant look-ups are not saved at all). Runs on both engines.
 */
import { expect, it } from 'vitest';
import { describeEachApp } from './support/app.ts';
import type { SavedFilter } from '../src/shared/api/index.ts';

describeEachApp('saved filter audit', (t) => {
  it('redacts the search text in the audit record, and keeps the filter as saved', async () => {
    const query = { q: 'ถนน 0812345678 นายสมชาย ใจดี 1101700203450', status: 'assigned' };
    const response = await t.request({ method: 'POST', url: '/api/v1/saved-filters', as: 'hub.intake', body: { name: 'ผู้ร้องประจำ', query } });
    expect(response.statusCode, response.body).toBe(201);
    const saved = response.json<SavedFilter>();
    // The user's own filter opens the same list again.
    expect(saved.query).toEqual(query);

    const [audit] = await t.db().query<{ details: { name: string; query: Record<string, string> } }>(
      'SELECT details FROM audit_log WHERE action = $1 AND entity_id = $2',
      ['saved_filter.create', saved.id],
    );
    expect(audit?.details).toEqual({
      name: 'ผู้ร้องประจำ',
      query: { q: 'ถนน [หมายเลขโทรศัพท์] นาย[ชื่อบุคคล] [เลขประจำตัวประชาชน]', status: 'assigned' },
    });
    expect(JSON.stringify(audit?.details)).not.toMatch(/0812345678|1101700203450|สมชาย/);
  });

  it('keeps a search without personal data as it was', async () => {
    const query = { q: 'ถนนชำรุด', overdue: 'true' };
    const response = await t.request({ method: 'POST', url: '/api/v1/saved-filters', as: 'hub.intake', body: { name: 'ถนน', query } });
    expect(response.statusCode, response.body).toBe(201);
    const [audit] = await t.db().query<{ details: { query: Record<string, string> } }>('SELECT details FROM audit_log WHERE action = $1 AND entity_id = $2', [
      'saved_filter.create',
      response.json<SavedFilter>().id,
    ]);
    expect(audit?.details.query).toEqual(query);
  });
});
