import { describe, expect, it } from 'vitest';
import { heldReason, rawKept } from './held-reason.ts';

describe('why an e-mail was kept for a person', () => {
  it("names each of the poller's reasons", () => {
    expect(heldReason('no_sender')).toEqual({ key: 'noSender' });
    expect(heldReason('unparseable')).toEqual({ key: 'unparseable' });
    expect(heldReason('too_large')).toEqual({ key: 'tooLarge' });
    expect(heldReason('empty')).toEqual({ key: 'empty' });
    expect(heldReason('failed')).toEqual({ key: 'failed' });
    expect(heldReason('unstorable_text_lone_surrogate')).toEqual({ key: 'unstorableText' });
    expect(heldReason('refused_invalid_input')).toEqual({ key: 'refused', code: 'invalid_input' });
  });

  it('keeps a reason it does not know apart, and knows which messages were not fetched', () => {
    expect(heldReason('something_new')).toEqual({ key: 'other' });
    expect(heldReason('toString')).toEqual({ key: 'other' });
    expect(rawKept('too_large')).toBe(false);
    expect(rawKept('no_sender')).toBe(true);
  });
});
