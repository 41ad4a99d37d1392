import { Backoff, type BackoffOptions } from './backoff.ts';

/**
 * Spaces out puppet (re)starts. The first start runs at once; every later one waits for the backoff, and requests
 * made while one is waiting are merged into it. A login resets the backoff; closing drops what is waiting (an orderly
 * stop must not start the puppet again). Puppets that restart themselves in a loop (wechat4u: a failed login emits
 * `logout`, whose handler starts again at once) are paced through here too, see wechat4u-pacing.ts.
 */
export interface RestartPacerOptions extends BackoffOptions {
  log: (line: string) => void;
  /** Told before each start that actually runs (counting, tests). */
  onStart?: () => void;
}

export class RestartPacer {
  private readonly backoff: Backoff;
  private started = 0;
  private timer: NodeJS.Timeout | undefined;
  private waiting: (() => void) | undefined;
  private closed = false;
  /** The next request runs at once: the first start, and the puppet's own start inside an attempt we made. */
  private pass = true;

  constructor(private readonly options: RestartPacerOptions) {
    this.backoff = new Backoff(options);
  }

  /** Starts so far (those that ran, not those merged or dropped). */
  get starts(): number {
    return this.started;
  }

  /** Consecutive failed starts since the last login. */
  get failures(): number {
    return this.backoff.attempts;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  request(start: () => void, why = 'restart'): void {
    if (this.closed) return;
    if (this.pass) {
      this.pass = false;
      return this.run(start);
    }
    this.waiting = start;
    if (this.timer) return;
    const delay = this.backoff.next();
    this.options.log(`wechat: ${why}; next start in ${Math.round(delay / 1000)} s (attempt ${this.backoff.attempts + 1})`);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const next = this.waiting;
      this.waiting = undefined;
      if (next && !this.closed) this.run(next);
    }, delay);
    this.timer.unref();
  }

  /** A start after a failure we saw ourselves: always after the backoff. */
  later(start: () => void, why: string): void {
    this.pass = false;
    this.request(start, why);
  }

  /** The next request runs without waiting (we are starting the puppet ourselves, already paced). */
  allowNext(): void {
    this.pass = true;
  }

  /** Drops a start that is waiting (it belonged to a puppet instance that was just stopped). */
  cancelWaiting(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting = undefined;
  }

  reset(): void {
    this.backoff.reset();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting = undefined;
  }

  private run(start: () => void): void {
    this.started += 1;
    this.options.onStart?.();
    start();
  }
}
