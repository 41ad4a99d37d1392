/**
 * How the command line finds a running bot (issue 21): the bot's office console writes `web-control.json` (its
 * loopback address and a random secret, readable by the owner only) into the data directory while it runs; whoever
 * can read that file could read the tickets anyway. `huiyin web-link`, `export` and `report` use it, so they work
 * while the bot holds the data directory.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const CONTROL_FILE = 'web-control.json';

export interface ControlInfo {
  url: string;
  secret: string;
  pid: number;
}

export function controlFile(dataDir: string): string {
  return join(dataDir, CONTROL_FILE);
}

export function newSecret(random: (n: number) => Buffer = randomBytes): string {
  return random(32).toString('base64url');
}

export async function writeControlFile(dataDir: string, info: ControlInfo): Promise<void> {
  const file = controlFile(dataDir);
  // With a database store the data directory may hold nothing else yet.
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(info), { mode: 0o600 });
  await chmod(file, 0o600);
}

export async function removeControlFile(dataDir: string): Promise<void> {
  await rm(controlFile(dataDir), { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running bot's control address, or undefined when no bot with a console runs on this data directory. */
export async function readControlFile(dataDir: string): Promise<ControlInfo | undefined> {
  let info: ControlInfo;
  try {
    info = JSON.parse(await readFile(controlFile(dataDir), 'utf8')) as ControlInfo;
  } catch {
    return undefined;
  }
  // A file left by a bot that was killed says nothing about now.
  return typeof info.url === 'string' && typeof info.secret === 'string' && Number.isInteger(info.pid) && alive(info.pid) ? info : undefined;
}

/** Asks the running bot; throws with the bot's own explanation when it refuses. */
export async function callRunningBot(info: ControlInfo, path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${info.url}/internal${path}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${info.secret}` },
    signal: AbortSignal.timeout(60_000),
  });
  if (!response.ok) {
    const body = await response.text();
    let message = body;
    try {
      message = (JSON.parse(body) as { error?: string }).error ?? body;
    } catch {}
    throw new Error(`the running bot answered ${response.status}: ${message}`);
  }
  return response;
}
