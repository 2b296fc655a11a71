import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { maxLengthOf, textBoundsOf, trimmedText } from './fields.ts';

describe('textBoundsOf', () => {
  it('reads the bounds through optional, nullable and defaulted fields', () => {
    expect(textBoundsOf(trimmedText(3, 300).nullable().default(null))).toEqual({ min: 3, max: 300 });
    expect(textBoundsOf(z.email().max(254).optional())).toEqual({ min: 0, max: 254 });
    expect(maxLengthOf(trimmedText(1, 200).refine((text) => text !== 'x'))).toBe(200);
  });

  it('refuses what is not a bounded text, so a form never guesses a bound', () => {
    expect(() => textBoundsOf(z.string())).toThrow('no upper bound');
    expect(() => textBoundsOf(z.number().max(5))).toThrow('not a text schema');
  });
});
