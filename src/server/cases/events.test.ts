import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseEventContent } from '../../shared/case-events.ts';
import { checkCaseEvent, parseStoredCaseEvent } from './events.ts';

describe('checkCaseEvent', () => {
  it('lets a case event through', () => {
    expect(() => checkCaseEvent({ type: 'reply', payload: { message: 'กำลังดำเนินการ' } })).not.toThrow();
  });

  it('throws on one that does not match, naming the type and the field', () => {
    const wrong = { type: 'returned', payload: { message: 'no reason' } } as unknown as CaseEventContent;
    expect(() => checkCaseEvent(wrong)).toThrow(/case event "returned" does not match its schema: payload\.reason: .*; payload: .*message/);
  });
});

describe('parseStoredCaseEvent', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('types a stored event that matches', () => {
    const parsed = parseStoredCaseEvent('e1', 'merged', { intoCaseId: '5f1d2c3b-8e4a-4b6f-a1c2-d3e4f5a6b7c8', intoTrackingCode: 'RT-1' });
    expect(parsed.type === 'merged' && parsed.payload.intoTrackingCode).toBe('RT-1');
  });

  it('fails loudly under test on one that does not', () => {
    expect(() => parseStoredCaseEvent('e2', 'extended', { reason: 'งบประมาณ' })).toThrow(/stored case event e2 \("extended"\) does not match its schema: payload\.previousDueDate/);
  });

  it('elsewhere keeps it as stored and warns, naming fields but no values', () => {
    vi.stubEnv('NODE_ENV', 'production');
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const payload = { reason: 'เลขบัตร 1234567890123' };
    expect(parseStoredCaseEvent('e3', 'extended', payload)).toEqual({ type: 'extended', payload });
    expect(warn).toHaveBeenCalledOnce();
    const [message] = warn.mock.calls[0] ?? [];
    expect(String(message)).toMatch(/stored case event e3 \("extended"\).*payload\.dueDate/);
    expect(String(message)).not.toContain('1234567890123');
  });
});
