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

/** Top-level keys renamed for one name per concept (issue 15): the old key is still read, with a line in the log. */
export const RENAMED_KEYS: ReadonlyArray<{ old: string; now: string }> = [{ old: 'followUp', now: 'reminders' }];

/** The deprecation line for an old key: where it is, and what to write instead. */
export const renamedKeyLine = (file: string, old: string, now: string) =>
  `${file}: "${old}" is now called "${now}"; the old name still works for now, please rename it`;

/** Moves renamed keys to their new names; both names at once is an error (which one was meant?). */
function renameKeys(raw: Record<string, unknown>, file: string, warn: (line: string) => void): Record<string, unknown> {
  let out = raw;
  for (const { old, now } of RENAMED_KEYS) {
    if (!(old in out)) continue;
    if (now in out) throw new ConfigError(file, [`${old}: given together with its new name "${now}"; keep "${now}" only`]);
    const { [old]: value, ...rest } = out;
    out = { ...rest, [now]: value };
    warn(renamedKeyLine(file, old, now));
  }
  return out;
}

const toStderr = (line: string) => process.stderr.write(`huiyin: ${line}\n`);

/**
 * Parses config text (YAML, which includes JSON) and validates it. Paths in it are resolved from `baseDir`.
 * `platforms`: the registry's platform ids (app/platforms.ts); every chat and staff member must name one of them.
 * `warn` hears deprecation lines (an old key name); by default they go to stderr, the log of every command.
 */
export function parseConfig(
  text: string,
  file: string,
  baseDir: string,
  platforms?: readonly string[],
  warn: (line: string) => void = toStderr,
): ResolvedConfig {
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
  const result = ConfigSchema.safeParse(renameKeys(raw as Record<string, unknown>, file, warn));
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
  /** Where deprecation lines go (default: stderr). */
  warn?: (line: string) => void;
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
  const config = parseConfig(text, file, process.cwd(), source.platforms, source.warn);
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
