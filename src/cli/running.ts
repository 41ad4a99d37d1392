/**
 * The command line's way into a running bot (issue 21): when the bot runs with its office console, `report`,
 * `export` and `web-link` ask it over loopback instead of opening the data directory it holds.
 */
import { existsSync } from 'node:fs';
import { type ControlInfo, readControlFile } from '../access/control-file.ts';
import { loadConfig, type ResolvedConfig } from '../config/load.ts';
import { flagValue } from './flags.ts';
import { projectPath } from '../paths.ts';

const SAMPLE = projectPath('config/sample.yaml');

export async function configFor(args: readonly string[], env: NodeJS.ProcessEnv | undefined): Promise<ResolvedConfig> {
  const { config } = await loadConfig({ flag: flagValue(args, '--config'), env: env ?? process.env, fallback: existsSync('huiyin.yaml') ? 'huiyin.yaml' : SAMPLE });
  return config;
}

export async function runningBot(args: readonly string[], env: NodeJS.ProcessEnv | undefined): Promise<{ config: ResolvedConfig; control: ControlInfo | undefined }> {
  const config = await configFor(args, env);
  return { config, control: await readControlFile(config.dataDir) };
}
