/**
 * What the composition root calls to give a running bot its office console (issue 21): starts it in the background
 * (the chats do not wait for it), says loudly when its port is taken and lets the chats run on, and adds the job
 * that forgets stale links and sessions. `web.port: 0` (or HUIYIN_WEB_PORT=0) turns it off; a loopback-only channel for `report` and `export` stays.
 */
import { sweepLoginLinks, sweepWebSessions } from '../src/access/login-links.ts';
import type { Job } from '../src/jobs/scheduler.ts';
import type { WebDeps } from './deps.ts';
import type { WebConsole } from './server.ts';

export interface AttachedConsole {
  jobs: Job[];
  /** Resolves with the console once listening, or undefined when it is off or could not start. */
  ready: Promise<WebConsole | undefined>;
  close(): Promise<void>;
}

export function attachOfficeConsole(deps: WebDeps): AttachedConsole {
  const { host, port } = deps.config.web;
  // With the console off or its port taken, `huiyin report` and `export` still reach the bot (the data directory is
  // the bot's while it runs): a loopback-only control channel stays.
  let control: Promise<WebConsole | undefined> | undefined;
  const controlOnly = () =>
    (control ??= import('./server.ts')
      .then(({ startWebConsole }) => startWebConsole(deps, { controlOnly: true }))
      .catch((error: unknown) => {
        deps.log(`report/export channel NOT started: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }));
  const ready: Promise<WebConsole | undefined> =
    port === 0
      ? controlOnly().then(() => undefined)
      : import('./server.ts')
          .then(({ startWebConsole }) => startWebConsole(deps))
          .catch(async (error: NodeJS.ErrnoException) => {
            // The duty desk matters more than the console: the chats run on.
            const why = error.code === 'EADDRINUSE' ? 'is in use' : error.code === 'EACCES' ? 'is not allowed' : (error.stack ?? String(error));
            deps.log(`office console NOT started: ${host}:${port} ${why} (set web.port, or HUIYIN_WEB_PORT; 0 turns it off)`);
            await controlOnly();
            return undefined;
          });
  const sweep: Job = {
    name: 'sweep-web',
    cron: '*/15 * * * *',
    run: async () => {
      await sweepLoginLinks(deps);
      await sweepWebSessions(deps);
      return [];
    },
  };
  return {
    jobs: port === 0 ? [] : [sweep],
    ready,
    close: async () => {
      await (await ready)?.close();
      await (await control)?.close();
    },
  };
}
