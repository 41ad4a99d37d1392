/**
 * The duty roster as a file a manager edits while the bot runs: read again when it changes, so a new week's roster
 * needs no restart. A broken edit is logged with the file and the field, and the last good roster stays in force
 * (losing the night desk because of one typo would be worse than an out-of-date roster).
 */
import { readFile, stat } from 'node:fs/promises';
import { ConfigError } from './config-error.ts';
import { type DutyRoster, EMPTY_ROSTER, parseDutyRoster } from './duty-roster.ts';
import type { Config } from './schema.ts';

/**
 * Reads and checks a roster file; throws ConfigError naming the file and the field. A file that is not there is the
 * config's fault (`configFile`: dutyRoster), when the config file is known.
 */
export async function readDutyRoster(file: string, config: Pick<Config, 'staff'>, configFile?: string): Promise<DutyRoster> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigError(configFile ?? file, [configFile ? `dutyRoster: file not found: ${file}` : 'duty roster file not found']);
    throw new ConfigError(file, [`cannot read: ${(error as Error).message}`]);
  }
  return parseDutyRoster(text, file, config);
}

export class DutyRosterFile {
  private roster: DutyRoster = EMPTY_ROSTER;
  private version: string | undefined;

  constructor(
    readonly file: string,
    private readonly config: Pick<Config, 'staff'>,
    private readonly log: (line: string) => void,
  ) {}

  /** The roster in force: the file as it is now, or the last good one if the file is broken or gone. */
  async current(): Promise<DutyRoster> {
    let version: string;
    try {
      const s = await stat(this.file);
      version = `${s.mtimeMs}:${s.size}`;
    } catch {
      version = 'missing';
    }
    if (version === this.version) return this.roster;
    this.version = version;
    try {
      this.roster = await readDutyRoster(this.file, this.config);
      this.log(`duty roster: ${this.roster.shifts.length} shift(s) from ${this.file}`);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.log(`duty roster not reloaded, the previous one stays in force: ${error.message}`);
    }
    return this.roster;
  }
}
