/**
 * Bounds on work with uploaded files that would otherwise grow with the number of requests:
 * the bytes of uploads held in memory at once, and the images being decoded at once.
 */

/**
 * A fixed budget of bytes that requests take from before reading uploads and give back when
 * done. A request that does not fit is refused rather than queued: a client retrying later is
 * better than memory filling up while requests wait.
 */
export class ByteBudget {
  #inUse = 0;

  constructor(readonly capacity: number) {
    if (!(capacity > 0)) throw new Error(`a byte budget needs a positive capacity, not ${capacity}`);
  }

  /** Bytes taken and not yet given back. */
  get inUse(): number {
    return this.#inUse;
  }

  /**
   * Takes `bytes` from the budget, or returns null when they would go over it. The function
   * returned gives them back; calling it again does nothing, so every way a request ends may call it.
   */
  tryTake(bytes: number): (() => void) | null {
    if (!(bytes >= 0) || this.#inUse + bytes > this.capacity) return null;
    this.#inUse += bytes;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.#inUse -= bytes;
    };
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
