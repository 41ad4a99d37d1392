/**
 * What several bot processes on one store must agree on, beyond the Store itself: cron jobs run once per slot, one
 * process sends each platform account's outbox, and a message id is handled once. A store that only one process can
 * open (lowdb) satisfies all three trivially (`single`); the PostgreSQL store implements them with locks.
 */
import type { Store } from './store.ts';

export interface OutboxClaim {
  /** The record namespace this account's pending messages live in. */
  readonly namespace: string;
  /** False once the claim is lost (its database connection failed): stop sending, claim again. */
  held(): boolean;
  release(): Promise<void>;
}

export interface Coordination {
  /**
   * Runs `run` unless another process already ran this job for this slot, or is running it now.
   * Returns whether it ran here, and its value.
   */
  once<T>(job: string, slot: string, run: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  /** The record namespace of a platform account's outbox (`name` as the adapter calls its outbox). */
  outboxNamespace(name: string): string;
  /**
   * Claims the outbox of a platform account (`name` as the adapter calls its outbox: telegram, wechat) for this
   * process until released; undefined while another live process holds it.
   */
  claimOutbox(name: string): Promise<OutboxClaim | undefined>;
  /** True the first time any process offers this id in this scope (within keepMs); records it durably. */
  firstSeen?(scope: string, id: string, at: Date, keepMs: number): Promise<boolean>;
}

/** One process owns the store: every job runs, every outbox is ours, the caller's own seen-id logic applies. */
export const single: Coordination = {
  async once(_job, _slot, run) {
    return { ran: true, value: await run() };
  },
  outboxNamespace: (name) => `outbox-${name}`,
  async claimOutbox(name) {
    return { namespace: `outbox-${name}`, held: () => true, release: async () => undefined };
  },
};

/** The store's own coordination if it has one (several processes may share it), else `single`. */
export function coordinationOf(store: Store): Coordination {
  const c = (store as Partial<{ coordination: Coordination }>).coordination;
  return c ?? single;
}
