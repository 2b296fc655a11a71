import { describe, expect, it } from 'vitest';
import type { CaseEventContent } from '../../shared/case-events.ts';
import { checkCaseEvent } from './events.ts';

describe('checkCaseEvent', () => {
  it('lets a case event through', () => {
    expect(() => checkCaseEvent({ type: 'reply', payload: { message: 'กำลังดำเนินการ' } })).not.toThrow();
  });

  it('throws on one that does not match, naming the type and the field', () => {
    const wrong = { type: 'returned', payload: { message: 'no reason' } } as unknown as CaseEventContent;
    expect(() => checkCaseEvent(wrong)).toThrow(/case event "returned" does not match its schema: payload\.reason: .*; payload: .*message/);
  });
});
