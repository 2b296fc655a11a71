import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnstorableText, storableText, unstorableTextProblem } from './validation.ts';

describe('unstorableTextProblem', () => {
  it('finds lone surrogates of either half, split pairs and NUL; keeps pairs, Thai and other controls', () => {
    expect(unstorableTextProblem('a\ud800b')).toBe('lone_surrogate');
    expect(unstorableTextProblem('a\udc00')).toBe('lone_surrogate');
    expect(unstorableTextProblem('\ud83dก\ude00')).toBe('lone_surrogate');
    expect(unstorableTextProblem('\ude00\ud83d')).toBe('lone_surrogate');
    expect(unstorableTextProblem('x\u0000')).toBe('nul');
    expect(unstorableTextProblem('ถนนพัง 😀 \t\n')).toBeNull();
  });
});

describe('storableText', () => {
  it('is the identity on well-formed text and leaves nothing unstorable otherwise', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const stored = storableText(text);
        expect(unstorableTextProblem(stored)).toBeNull();
        expect(stored.length).toBe(text.length);
        if (unstorableTextProblem(text) === null) expect(stored).toBe(text);
      }),
    );
    expect(storableText('a\ud800b\u0000😀\udc00')).toBe('a\uFFFDb\uFFFD😀\uFFFD');
  });
});

describe('findUnstorableText', () => {
  it('names the path of the first bad string or key', () => {
    expect(findUnstorableText({ a: 'ok', b: [{ c: 'x' }, { d: 'y\ud800' }] })).toEqual({ path: ['b', '1', 'd'], problem: 'lone_surrogate' });
    expect(findUnstorableText({ ok: 1, ['k\u0000']: 'v' })).toEqual({ path: ['k\u0000'], problem: 'nul' });
    expect(findUnstorableText('\udc00')).toEqual({ path: [], problem: 'lone_surrogate' });
    expect(findUnstorableText({ a: [1, true, null, 'ถนน'] })).toBeNull();
    expect(findUnstorableText(undefined)).toBeNull();
  });

  it('walks a hundred thousand levels without running out of stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}`) as unknown;
    const found = findUnstorableText(deep);
    expect(found?.problem).toBe('nul');
    expect(found?.path).toHaveLength(100_000);
  });

  it('finds exactly the strings that are unstorable, wherever they are', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        const found = findUnstorableText({ value, text });
        // `text` is walked after `value`: a problem there is named only when `value` has none.
        if (found?.path[0] === 'text') expect(unstorableTextProblem(text)).not.toBeNull();
        if (found === null) expect(unstorableTextProblem(text)).toBeNull();
      }),
    );
  });
});
