import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { type Config, ConfigSchema } from './schema.ts';
import { parseYamlText, YamlTextError } from './yaml-text.ts';
import { ConfigError, formatZodIssues } from './config-error.ts';
import { readDutyRoster } from './duty-roster-file.ts';
import { projectPath } from '../paths.ts';

export { ConfigError, formatPath, formatZodIssues } from './config-error.ts';

/** The rules that ship with Huiyin, used when the config names none. */
export const BUILTIN_RULES = projectPath('rules');

/**
 * Parses config text (YAML, which includes JSON) and validates it. Paths in it are resolved from `baseDir`.
 * `platforms`: the registry's platform ids (app/platforms.ts); every chat and staff member must name one of them.
 */
export function parseConfig(text: string, file: string, baseDir: string, platforms?: readonly string[]): ResolvedConfig {
  let raw: unknown;
  try {
    raw = extname(file) === '.json' ? JSON.parse(text) : parseYamlText(text);
  } catch (error) {
    if (error instanceof YamlTextError) {
      throw new ConfigError(file, [error.aliasBomb ? error.message : `not valid YAML: ${error.message.split('\n')[0]}`]);
    }
    throw new ConfigError(file, [`not valid JSON: ${(error as Error).message.split('\n')[0]}`]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(file, ['(top level): expected a mapping with timezone, dataDir, estates, chats and staff']);
  }
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(file, formatZodIssues(result.error));
  const config = result.data;
  if (platforms) {
    const unknown = (list: 'chats' | 'staff') =>
      config[list].flatMap((entry, i) =>
        platforms.includes(entry.platform) ? [] : [`${list}[${i}].platform: "${entry.platform}" is not a platform of this Huiyin (${platforms.join(', ')})`],
      );
    const problems = [...unknown('chats'), ...unknown('staff')];
    if (problems.length > 0) throw new ConfigError(file, problems);
  }
  return {
    ...config,
    dataDir: resolve(baseDir, config.dataDir),
    rulesDir: config.rulesDir === undefined ? BUILTIN_RULES : resolve(baseDir, config.rulesDir),
    ...(config.dutyRoster !== undefined && { dutyRoster: resolve(baseDir, config.dutyRoster) }),
  };
}

/** A config with its paths made absolute. */
export type ResolvedConfig = Config & { rulesDir: string };

export interface ConfigSource {
  /** `--config FILE` from the command line. */
  flag?: string;
  env?: NodeJS.ProcessEnv;
  /** Used when neither the flag nor HUIYIN_CONFIG names a file. */
  fallback: string;
  /** The registry's platform ids; chats and staff must name one. */
  platforms?: readonly string[];
}

/** Which file to read: `--config`, then HUIYIN_CONFIG, then the fallback (the sample estate). */
export function configPath(source: ConfigSource): string {
  return resolve(source.flag ?? source.env?.HUIYIN_CONFIG ?? source.fallback);
}

/**
 * Reads and validates the config. Relative paths inside it are read from the working directory, the way a person
 * typing `huiyin start` in the project expects; HUIYIN_DATA overrides dataDir.
 */
export async function loadConfig(source: ConfigSource): Promise<{ config: ResolvedConfig; file: string }> {
  const file = configPath(source);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [code === 'ENOENT' ? 'file not found' : `cannot read: ${(error as Error).message}`]);
  }
  const config = parseConfig(text, file, process.cwd(), source.platforms);
  // A broken roster stops the start like a broken config, naming its file and field.
  if (config.dutyRoster) await readDutyRoster(config.dutyRoster, config, file);
  const dataDir = source.env?.HUIYIN_DATA;
  const webPort = webPortFromEnv(source.env?.HUIYIN_WEB_PORT, file);
  return {
    config: {
      ...config,
      ...(dataDir && { dataDir: resolve(dataDir) }),
      ...(webPort !== undefined && { web: { ...config.web, port: webPort } }),
    },
    file,
  };
}

/** HUIYIN_WEB_PORT overrides web.port (0 turns the office console off). */
function webPortFromEnv(value: string | undefined, file: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(file, [`HUIYIN_WEB_PORT: "${value}" is not a port number (0 turns the web console off)`]);
  return port;
}
