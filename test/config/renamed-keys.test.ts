import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/load.ts';

const ROOT = join(import.meta.dirname, '../..');
const SAMPLE = join(ROOT, 'config/sample.yaml');

/** The reminder settings under the name they had before issue 15 (followUp) and under the one they have now. */
const block = (key: string) => `\n${key}:\n  silentHours: 12\n  categories:\n    repair: { resolutionHours: 24 }\n`;

describe('renamed config keys (issue 15: one name per concept)', () => {
  it('reads followUp as reminders, with one deprecation line naming the file and both names', async () => {
    const text = (await readFile(SAMPLE, 'utf8')) + block('followUp');
    const lines: string[] = [];
    const config = parseConfig(text, 'huiyin.yaml', '/srv/huiyin', undefined, (l) => lines.push(l));
    expect(config.reminders.silentHours).toBe(12);
    expect(config.reminders.categories.repair?.resolutionHours).toBe(24);
    expect(lines).toEqual(['huiyin.yaml: "followUp" is now called "reminders"; the old name still works for now, please rename it']);
  });

  it('says nothing for the new name, and refuses both names at once', async () => {
    const sample = await readFile(SAMPLE, 'utf8');
    const lines: string[] = [];
    expect(parseConfig(sample + block('reminders'), 'huiyin.yaml', '/srv/huiyin', undefined, (l) => lines.push(l)).reminders.silentHours).toBe(12);
    expect(lines).toEqual([]);
    expect(() => parseConfig(sample + block('reminders') + block('followUp'), 'huiyin.yaml', '/srv/huiyin', undefined, () => {})).toThrow(ConfigError);
  });

  it('huiyin check passes an old config and prints the deprecation line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'huiyin-renamed-'));
    try {
      const file = join(dir, 'old.yaml');
      await writeFile(file, (await readFile(SAMPLE, 'utf8')) + block('followUp'));
      const env = { ...process.env };
      delete env.HUIYIN_CONFIG;
      const run = spawnSync(process.execPath, [join(ROOT, 'bin/huiyin.js'), 'check', '--config', file], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
      expect(run.status).toBe(0);
      expect(run.stderr).toContain(`${file}: "followUp" is now called "reminders"`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
