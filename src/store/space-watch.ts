/**
 * Tells someone when the store's writes start failing for lack of space and when they work again (issue 17, item 1),
 * without the store implementations knowing about alarms: every writing method is watched from outside. Reads and
 * anything else (the PostgreSQL store's `coordination`) pass through untouched.
 */
import { isDiskFull } from './disk-space.ts';
import type { Store } from './store.ts';

export interface SpaceListener {
  /** A write was refused for lack of space (nothing was changed). */
  full(error: Error): void;
  /** A write went through. */
  written(): void;
}

const WRITES = new Set<PropertyKey>(['createTicket', 'appendEvent', 'appendEvents', 'appendEventsMany', 'putRecord', 'putRecords', 'deleteRecord']);

export function watchSpace(store: Store, listener: SpaceListener): Store {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (!WRITES.has(property)) return value.bind(target);
      return async (...args: unknown[]) => {
        try {
          const result: unknown = await value.apply(target, args);
          listener.written();
          return result;
        } catch (error) {
          if (isDiskFull(error)) listener.full(error as Error);
          throw error;
        }
      };
    },
  });
}
