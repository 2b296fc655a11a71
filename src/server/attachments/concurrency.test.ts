import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteBudget, Semaphore } from './concurrency.ts';

describe('ByteBudget', () => {
  it('gives out bytes up to its capacity and refuses what would go over', () => {
    const budget = new ByteBudget(100);
    const first = budget.tryTake(60);
    expect(first).not.toBeNull();
    expect(budget.tryTake(41)).toBeNull();
    const second = budget.tryTake(40);
    expect(second).not.toBeNull();
    expect(budget.inUse).toBe(100);
    expect(budget.tryTake(1)).toBeNull();
    first?.();
    expect(budget.inUse).toBe(40);
    expect(budget.tryTake(60)).not.toBeNull();
  });

  it('gives bytes back once however often the release is called', () => {
    const budget = new ByteBudget(10);
    const release = budget.tryTake(10) ?? expect.fail('refused');
    release();
    release();
    expect(budget.inUse).toBe(0);
    const again = budget.tryTake(10);
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
            const release = budget.tryTake(step);
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
    expect(budget.tryTake(-1)).toBeNull();
    expect(budget.tryTake(Number.NaN)).toBeNull();
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
