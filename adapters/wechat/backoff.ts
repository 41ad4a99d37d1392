/**
 * Exponential backoff with jitter for puppet (re)starts. "Equal jitter": half of the exponential step is fixed and
 * half is random, so two bots that failed together do not retry together, and no delay is ever shorter than half the
 * base: whatever a puppet does, it cannot be restarted more than 2 × 60 s / base times a minute.
 */
export interface BackoffOptions {
  /** The first delay (before jitter). */
  baseMs: number;
  /** The cap on one delay. */
  maxMs: number;
  /** Injected for tests; Math.random otherwise. */
  random?: () => number;
}

export class Backoff {
  private failures = 0;

  constructor(private readonly options: BackoffOptions) {}

  /** How long to wait before the next attempt; each call counts one more failure. */
  next(): number {
    const step = Math.min(this.options.maxMs, this.options.baseMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    const random = this.options.random ?? Math.random;
    return Math.round(step / 2 + (step / 2) * random());
  }

  /** Consecutive failures so far. */
  get attempts(): number {
    return this.failures;
  }

  /** After a success (a login): the next failure starts from the base again. */
  reset(): void {
    this.failures = 0;
  }
}
