import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { type Config, ConfigSchema } from './schema.ts';
import { parseYamlText, YamlTextError } from './yaml-text.ts';

/** The rules that ship with Huiyin, used when the config names none. */
export const BUILTIN_RULES = fileURLToPath(new URL('../../rules', import.meta.url));

/** A config file that cannot be used. The message names the file and, for each problem, the path to the field. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n  - ${problems.join('\n  - ')}`}`);
  }
}

/** chats[1].estate */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(top level)';
}

export function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    return `${formatPath(issue.path)}: ${missing ? 'missing (required)' : issue.message}`;
  });
}

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
