import type { Clock } from '../src/clock.ts';
import type { ResolvedConfig } from '../src/config/load.ts';
import type { Directory } from '../src/services/directory.ts';
import type { IncomingMessage, OutgoingMessage } from '../src/messages.ts';
import type { PlatformInfo } from '../src/platform/module.ts';
import type { Store } from '../src/store/store.ts';

/** What the office console needs from the running bot. It reaches tickets only through the Store and the bot. */
export interface WebDeps {
  config: ResolvedConfig;
  store: Store;
  clock: Clock;
  directory: Directory;
  /** The bot's own message handler: web actions are staff commands, exactly as typed in a chat. */
  handle: (message: IncomingMessage) => Promise<OutgoingMessage[]>;
  /** Sends what the bot answers to everyone but the web page (the owner's chat, the unit's chat). */
  deliver: (message: OutgoingMessage) => Promise<void>;
  log: (line: string) => void;
  /** The platform registry (app/platforms.ts), for the digest's offline lines. */
  platforms?: readonly PlatformInfo[];
  /** Random bytes for session ids and CSRF tokens; injectable for tests. */
  random?: (size: number) => Buffer;
}
