import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ByteBudget, Semaphore, watchReceiveRate } from './concurrency.ts';

/** A take without a key: its release, or null when refused. */
function tryTake(budget: ByteBudget, bytes: number): (() => void) | null {
  const taken = budget.take(bytes);
  return taken.ok ? taken.release : null;
}

describe('ByteBudget', () => {
  it('gives out bytes up to its capacity and refuses what would go over', () => {
    const budget = new ByteBudget(100);
    const first = tryTake(budget, 60);
    expect(first).not.toBeNull();
    expect(tryTake(budget, 41)).toBeNull();
    const second = tryTake(budget, 40);
    expect(second).not.toBeNull();
    expect(budget.inUse).toBe(100);
    expect(tryTake(budget, 1)).toBeNull();
    first?.();
    expect(budget.inUse).toBe(40);
    expect(tryTake(budget, 60)).not.toBeNull();
  });

  it('gives bytes back once however often the release is called', () => {
    const budget = new ByteBudget(10);
    const release = tryTake(budget, 10) ?? expect.fail('refused');
    release();
    release();
    expect(budget.inUse).toBe(0);
    const again = tryTake(budget, 10);
    release();
    expect(budget.inUse).toBe(10);
    again?.();
    expect(budget.inUse).toBe(0);
  });

  it('never lends more than it has, whatever the order of takes and releases', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constant(-1)), { maxLength: 60 }), (steps) => {
        const budget = new ByteBudget(100);
        const held: Array<{ bytes: number; release: () => void }> = [];
        for (const step of steps) {
          if (step === -1) held.shift()?.release();
          else {
            const release = tryTake(budget, step);
            const total = held.reduce((sum, item) => sum + item.bytes, 0);
            expect(release === null).toBe(total + step > 100);
            if (release) held.push({ bytes: step, release });
          }
          expect(budget.inUse).toBe(held.reduce((sum, item) => sum + item.bytes, 0));
          expect(budget.inUse).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it('refuses a negative or unknown size, and a budget of nothing', () => {
    const budget = new ByteBudget(10);
    expect(tryTake(budget, -1)).toBeNull();
    expect(tryTake(budget, Number.NaN)).toBeNull();
    expect(() => new ByteBudget(0)).toThrow();
  });
});

describe('Semaphore', () => {
  /** A piece of work that ends when told to. */
  function gate() {
    let open = () => {};
    const promise = new Promise<void>((resolve) => {
      open = resolve;
    });
    return { promise, open };
  }

  it('runs at most its slots at once, the rest in the order they came', async () => {
    const semaphore = new Semaphore(2);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    let peak = 0;
    const runs = gates.map((g, i) =>
      semaphore.run(async () => {
        started.push(i);
        peak = Math.max(peak, semaphore.running);
        await g.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(semaphore.waiting).toBe(2);
    gates[1]?.open();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates[0]?.open();
    gates[2]?.open();
    gates[3]?.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(peak).toBe(2);
    expect(semaphore.running).toBe(0);
    expect(semaphore.waiting).toBe(0);
  });

  it('frees the slot of work that fails', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(() => Promise.reject(new Error('decode failed')))).rejects.toThrow('decode failed');
    expect(semaphore.running).toBe(0);
    expect(await semaphore.run(() => Promise.resolve('next'))).toBe('next');
  });
});

describe('ByteBudget shares per key', () => {
  it('lets one key hold no more than its share, while others still take from the rest', () => {
    const budget = new ByteBudget(100, 50);
    const first = budget.take(40, '10.0.0.1');
    expect(first.ok).toBe(true);
    expect(budget.take(20, '10.0.0.1')).toEqual({ ok: false, reason: 'key_share_spent' });
    expect(budget.take(50, '10.0.0.2').ok).toBe(true);
    expect(budget.take(20, '10.0.0.3')).toEqual({ ok: false, reason: 'budget_spent' });
    if (first.ok) first.release();
    expect(budget.inUseBy('10.0.0.1')).toBe(0);
    expect(budget.take(50, '10.0.0.1').ok).toBe(true);
  });

  it('keeps every key within its share and the whole within the capacity, whatever the order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c'), bytes: fc.integer({ min: 0, max: 40 }), release: fc.boolean() }), { maxLength: 80 }),
        (steps) => {
          const budget = new ByteBudget(100, 45);
          const held: Array<{ key: string; bytes: number; release: () => void }> = [];
          for (const step of steps) {
            if (step.release) {
              held.shift()?.release();
              continue;
            }
            const taken = budget.take(step.bytes, step.key);
            const total = held.reduce((sum, item) => sum + item.bytes, 0);
            const ofKey = held.filter((item) => item.key === step.key).reduce((sum, item) => sum + item.bytes, 0);
            expect(taken.ok).toBe(total + step.bytes <= 100 && ofKey + step.bytes <= 45);
            if (taken.ok) held.push({ key: step.key, bytes: step.bytes, release: taken.release });
            for (const key of ['a', 'b', 'c']) {
              expect(budget.inUseBy(key)).toBe(held.filter((item) => item.key === key).reduce((sum, item) => sum + item.bytes, 0));
              expect(budget.inUseBy(key)).toBeLessThanOrEqual(45);
            }
            expect(budget.inUse).toBeLessThanOrEqual(100);
          }
        },
      ),
    );
  });
});

describe('watchReceiveRate', () => {
  it('calls once when a window brings fewer bytes than the least, and not while enough arrive', () => {
    vi.useFakeTimers();
    try {
      let received = 0;
      let calls = 0;
      const stop = watchReceiveRate(() => received, { windowMs: 1000, minBytesPerWindow: 100 }, () => (calls += 1));
      received += 150;
      vi.advanceTimersByTime(1000);
      received += 100;
      vi.advanceTimersByTime(1000);
      expect(calls).toBe(0);
      received += 99;
      vi.advanceTimersByTime(1000);
      expect(calls).toBe(1);
      vi.advanceTimersByTime(5000);
      expect(calls).toBe(1);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('says nothing once stopped', () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const stop = watchReceiveRate(() => 0, { windowMs: 1000, minBytesPerWindow: 1 }, () => (calls += 1));
      stop();
      vi.advanceTimersByTime(10_000);
      expect(calls).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
