import type { Clock } from '../clock.ts';
import type { ResolvedConfig } from '../config/load.ts';
import type { InboundGuard, InboundGuardSettings } from '../inbound/guard.ts';
import type { Adapter } from '../messages.ts';
import type { Outbox, OutboxOptions } from '../outbox/outbox.ts';
import type { Store } from '../store/store.ts';

/**
 * What a chat platform is to the rest of Huiyin: one module (`index.ts` in its folder beside src), listed once in the
 * registry (`app/platforms.ts`). Like a bolt-js Receiver plus what doctor, alerts and the digest need to name it.
 * The core never imports a platform; the composition root hands the registry's entries in.
 */
export interface PlatformInfo {
  /** The `platform` written in the config's chats and staff, and on every ticket. */
  readonly id: string;
  /** What people call it, in alerts and the digest: 微信, Telegram. */
  readonly displayName: string;
  readonly capabilities: PlatformCapabilities;
}

export interface PlatformCapabilities {
  /** Shows quick replies as buttons; otherwise they are listed for typing. */
  buttons: boolean;
  /** Can notify a person by a real @-mention in a group. */
  mentions: boolean;
  /** Receives photos the core can attach to a ticket. */
  images: boolean;
}

/** One line of `huiyin doctor`. */
export interface Finding {
  ok: boolean;
  check: string;
  detail: string;
  /** What to do about a problem. */
  fix?: string;
}

/** What `huiyin doctor` tells a platform's check about the deployment. */
export interface DoctorContext {
  /** A live Huiyin holds the data directory's lock: a check must not disturb its sessions. */
  botRunning: boolean;
}

/** The outbox settings a platform asks for: its length limit and pace. */
export type OutboxSettings = Omit<OutboxOptions, 'name' | 'store' | 'log' | 'send'>;

/** What the composition root gives a platform to open it: shared services and its own outbox and inbound guard. */
export interface PlatformContext {
  config: ResolvedConfig;
  store: Store;
  clock: Clock;
  log: (line: string) => void;
  /**
   * Tells managers through a channel that still works (webhook robot, another platform's managers' chat); a picture
   * (src/alerts/offline-alert.ts AlertImage; spelled out here, src/alerts already depends on this folder) goes where a
   * channel can show it, its `fallback` words elsewhere.
   */
  alert: (text: string, image?: { png: Buffer; fallback: string }) => Promise<void>;
  /** Builds this platform's one outbox and one inbound guard, with the limits the platform states. */
  parts: (settings: { outbox: OutboxSettings; guard: InboundGuardSettings }) => PlatformParts;
}

export interface PlatformParts {
  outbox: Outbox;
  guard: InboundGuard;
}

export interface PlatformModule extends PlatformInfo {
  /** The environment variable whose presence enables the platform (said by doctor when none is set). */
  readonly enabledBy?: string;
  /** The adapter the environment asks for, or undefined when the platform is not enabled there. */
  fromEnv(env: NodeJS.ProcessEnv, context: PlatformContext): Promise<Adapter | undefined>;
  /** `huiyin doctor`'s check of the platform, when the environment enables it. */
  doctor?(env: NodeJS.ProcessEnv, context?: DoctorContext): Promise<Finding | undefined>;
  /**
   * The npm packages that are this platform's SDK (its client library, its puppets). The core must never import them:
   * test/architecture reads them from the registry, so a new platform declares its own here.
   */
  readonly sdkPackages?: readonly string[];
  /** Used only when no other platform is enabled (the console: the terminal is the chat). */
  readonly fallback?: boolean;
  /** Managers hear other platforms' outages in this platform's managers' chat, when one is configured. */
  readonly carriesAlerts?: boolean;
}
