import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { webBaseUrl } from '../src/access/login-links.ts';
import { createWebApp } from './app.tsx';
import { newSecret, removeControlFile, writeControlFile } from '../src/access/control-file.ts';
import { controlRoutes } from './control.ts';
import type { WebDeps } from './deps.ts';

export interface WebConsole {
  /** The address the console listens on (the real port when 0 was not asked for, e.g. in tests). */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the office console on web.host:web.port (127.0.0.1:8787 by default) and writes the control file the
 * command line uses to reach this process. Resolves once it is listening.
 */
export async function startWebConsole(deps: WebDeps, options: { port?: number; controlOnly?: boolean } = {}): Promise<WebConsole> {
  const secret = newSecret(deps.random);
  const root = new Hono();
  root.route('/internal', controlRoutes(deps, secret, { console: !options.controlOnly }));
  if (!options.controlOnly) root.route('/', createWebApp(deps));
  // Without the console only the command line's way in stays, on loopback at a port of the system's choosing.
  const host = options.controlOnly ? '127.0.0.1' : deps.config.web.host;
  // Tests listen on a port of the system's choosing (0) while links still name the configured one.
  const port = options.controlOnly ? 0 : (options.port ?? deps.config.web.port);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: root.fetch, hostname: host, port }, () => resolve(s));
    s.once('error', reject);
  });
  const bound = (server.address() as AddressInfo).port;
  const url = webBaseUrl({ ...deps.config.web, host, port: bound, publicUrl: undefined });
  await writeControlFile(deps.config.dataDir, { url, secret, pid: process.pid });
  if (options.controlOnly) deps.log(`office console off; report and export reach this bot through ${url} (loopback only)`);
  else deps.log(`office console on ${url}${deps.config.web.publicUrl ? ` (public address ${deps.config.web.publicUrl})` : ''}`);
  return {
    url,
    close: async () => {
      await removeControlFile(deps.config.dataDir);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Browsers keep connections open; without this, close waits for them to time out.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
    },
  };
}
