/**
 * What an orderly stop needs (issue 17, item 3): to know which handlers are still running, and to wait for them no
 * longer than a bound. A stop must end before the process supervisor gives up on it (Docker sends SIGKILL 10 s after
 * SIGTERM by default), so every wait is bounded; what is not finished by then was not acknowledged to the platform
 * and is delivered again at the next start.
 */

/** The handlers running now: each message's work from the moment a platform hands it over until its replies are queued. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  /** Runs `work` as one tracked handler; its result and error pass through unchanged. */
  track<T>(work: () => Promise<T>): Promise<T> {
    const running = work();
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return running;
  }

  get size(): number {
    return this.running.size;
  }

  /**
   * Resolves once every handler running now (and any they start meanwhile) has finished, or after `limitMs`;
   * returns how many were still running then.
   */
  async settled(limitMs: number): Promise<number> {
    const deadline = Date.now() + limitMs;
    while (this.running.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      await within(Promise.all([...this.running]), left);
    }
    return this.running.size;
  }
}

/** Waits for `promise`, but no longer than `ms`; true when it settled in time. Never rejects. */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
