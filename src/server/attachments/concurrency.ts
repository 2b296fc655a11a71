/**
 * Bounds on work with uploaded files that would otherwise grow with the number of requests:
 * the bytes of uploads held in memory at once, and the images being decoded at once.
 */

/** Why a budget refused: all of it is lent out, or the part one key (a client address) may hold is. */
export type BudgetRefusal = 'budget_spent' | 'key_share_spent';

export type BudgetTake = { ok: true; release: () => void } | { ok: false; reason: BudgetRefusal };

/**
 * A fixed budget of bytes that requests take from before reading uploads and give back when
 * done. A request that does not fit is refused rather than queued: a client retrying later is
 * better than memory filling up while requests wait. With a key (the client's address), one
 * key holds at most `perKeyCapacity`, so a few clients cannot take all of it from everyone.
 */
export class ByteBudget {
  #inUse = 0;
  readonly #byKey = new Map<string, number>();

  constructor(
    readonly capacity: number,
    readonly perKeyCapacity: number = capacity,
  ) {
    if (!(capacity > 0)) throw new Error(`a byte budget needs a positive capacity, not ${capacity}`);
    if (!(perKeyCapacity > 0)) throw new Error(`a byte budget needs a positive share per key, not ${perKeyCapacity}`);
  }

  /** Bytes taken and not yet given back. */
  get inUse(): number {
    return this.#inUse;
  }

  /** Bytes that `key` has taken and not yet given back. */
  inUseBy(key: string): number {
    return this.#byKey.get(key) ?? 0;
  }

  /**
   * Takes `bytes` for `key` (when given), or says why not. The release gives them back; calling
   * it again does nothing, so every way a request ends may call it.
   */
  take(bytes: number, key?: string): BudgetTake {
    if (!(bytes >= 0) || this.#inUse + bytes > this.capacity) return { ok: false, reason: 'budget_spent' };
    if (key !== undefined && this.inUseBy(key) + bytes > this.perKeyCapacity) return { ok: false, reason: 'key_share_spent' };
    this.#inUse += bytes;
    if (key !== undefined) this.#byKey.set(key, this.inUseBy(key) + bytes);
    let given = false;
    const release = () => {
      if (given) return;
      given = true;
      this.#inUse -= bytes;
      if (key === undefined) return;
      const left = this.inUseBy(key) - bytes;
      if (left > 0) this.#byKey.set(key, left);
      else this.#byKey.delete(key);
    };
    return { ok: true, release };
  }
}

/** At most `slots` pieces of work at once; the others wait their turn, first come first served. */
export class Semaphore {
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly slots: number) {
    if (!(slots >= 1)) throw new Error(`a semaphore needs at least one slot, not ${slots}`);
  }

  /** Pieces of work running now. */
  get running(): number {
    return this.#running;
  }

  /** Pieces of work waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Runs `work` when a slot is free and frees the slot when it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.slots) {
      // The slot is handed over by the finishing piece of work, so #running stays counted.
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }
}

export interface ReceiveRateLimit {
  /** How long a stretch the rate is judged over, in milliseconds. */
  windowMs: number;
  /** Bytes that must arrive in every such stretch. */
  minBytesPerWindow: number;
}

/**
 * Calls `onTooSlow` once when fewer than `minBytesPerWindow` bytes arrived during a window
 * (counted by `bytesReceived`, a running total). A client trickling an upload a byte at a time
 * would otherwise hold its share of the upload budget until the request times out. Returns a
 * function that stops watching.
 */
export function watchReceiveRate(bytesReceived: () => number, limit: ReceiveRateLimit, onTooSlow: () => void): () => void {
  let atWindowStart = bytesReceived();
  const timer = setInterval(() => {
    const now = bytesReceived();
    if (now - atWindowStart < limit.minBytesPerWindow) {
      clearInterval(timer);
      onTooSlow();
      return;
    }
    atWindowStart = now;
  }, limit.windowMs);
  timer.unref();
  return () => clearInterval(timer);
}
