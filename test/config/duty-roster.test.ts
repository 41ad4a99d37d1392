import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../src/config/load.ts';
import { onDuty, parseDutyRoster } from '../../src/config/duty-roster.ts';
import { DutyRosterFile, readDutyRoster } from '../../src/config/duty-roster-file.ts';

const SAMPLE = join(import.meta.dirname, '../../config/sample.yaml');
const SAMPLE_ROSTER = join(import.meta.dirname, '../../config/duty.sample.yaml');
const config = parseConfig(await readFile(SAMPLE, 'utf8'), SAMPLE, '/srv');
const TZ = 'Asia/Shanghai';

function problemsOf(text: string): string[] {
  try {
    parseDutyRoster(text, 'duty.yaml', config);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message.startsWith('duty.yaml:')).toBe(true);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

const names = (text: string, unit: Parameters<typeof onDuty>[1], at: string) =>
  onDuty(parseDutyRoster(text, 'duty.yaml', config), unit, 'sunshine', new Date(at), TZ).map((s) => s.name);

describe('duty roster (值班表, policy 3.1): a file a manager edits', () => {
  it('names the file and the field of every mistake', () => {
    expect(problemsOf('shifts:\n  - { staff: 王五, days: [mon], from: "22:00", to: "08:00" }')).toEqual([
      'shifts[0].staff: unknown staff "王五" (known: 张工、王队长、李主任、陈文员、赵总)',
    ]);
    expect(problemsOf('shifts:\n  - { staff: 张工, days: [monday], from: "22:00", to: "08:00" }')).toEqual([
      'shifts[0].days[0]: a weekday: mon … sun or 周一 … 周日',
    ]);
    expect(problemsOf('shifts:\n  - { staff: 张工, days: [mon], from: "25:00", to: "08:00" }')).toEqual([
      'shifts[0].from: a time of day such as 22:00 (24:00 for midnight at the end)',
    ]);
    expect(problemsOf('shifts:\n  - { staff: 张工, from: "22:00", to: "08:00" }')).toEqual([
      'shifts[0].days: say when: days (e.g. [sat, sun]) or dates (e.g. [2026-12-24])',
    ]);
    expect(problemsOf('shifts:\n  - { staff: 张工, day: [mon], days: [mon], from: "22:00", to: "08:00" }')[0]).toMatch(/^shifts\[0\]: Unrecognized key: "day"/);
    expect(problemsOf('shifts:\n  - { staff: 张工, units: [保安], days: [mon], from: "22:00", to: "08:00" }')[0]).toMatch(/^shifts\[0\]\.units\[0\]: /);
    expect(problemsOf('shifts:\n  - { staff: 张工, dates: [2026-13-01], from: "22:00", to: "22:00" }')).toEqual([
      'shifts[0].dates[0]: a date such as 2026-12-24',
      'shifts[0].to: a shift from 22:00 to 22:00 has no length (a whole day is 00:00 to 24:00)',
    ]);
    expect(problemsOf('shifts: [\n')[0]).toMatch(/^not valid YAML: /);
  });

  it('the shipped sample roster is valid against the sample config', async () => {
    const roster = await readDutyRoster(SAMPLE_ROSTER, config);
    expect(roster.shifts.map((s) => s.staff.map((m) => m.name).join())).toEqual(['张工', '李主任', '陈文员']);
  });

  it('knows who is on duty: overnight shifts, weekends, single dates, Chinese day and unit names', () => {
    const text = [
      'shifts:',
      '  - { staff: 张工, days: [周五], from: "22:00", to: "08:00" }',
      '  - { staff: 李主任, units: [管理处, office_head], days: [sat, sun], from: "00:00", to: "24:00" }',
      '  - { staff: 陈文员, units: [office], dates: [2026-12-24], from: "22:00", to: "08:00" }',
    ].join('\n');
    // Friday 2026-11-27 22:00 to Saturday 08:00 is 张工's; the shift belongs to the day it starts on.
    expect(names(text, 'engineering', '2026-11-27T21:59:00+08:00')).toEqual([]);
    expect(names(text, 'engineering', '2026-11-27T22:00:00+08:00')).toEqual(['张工']);
    expect(names(text, 'engineering', '2026-11-28T07:59:00+08:00')).toEqual(['张工']);
    expect(names(text, 'engineering', '2026-11-28T08:00:00+08:00')).toEqual([]);
    expect(names(text, 'engineering', '2026-11-28T23:00:00+08:00')).toEqual([]); // Saturday night: nobody
    // The office head's weekend: the whole of Saturday and Sunday, for the office and the head.
    expect(names(text, 'office_head', '2026-11-27T23:59:00+08:00')).toEqual([]);
    expect(names(text, 'office_head', '2026-11-28T00:00:00+08:00')).toEqual(['李主任']);
    expect(names(text, 'office', '2026-11-29T23:59:00+08:00')).toEqual(['李主任']);
    expect(names(text, 'office', '2026-11-30T00:00:00+08:00')).toEqual([]);
    // A single date, in the deployment's timezone (16:00 UTC is midnight in Shanghai).
    expect(names(text, 'office', '2026-12-24T14:30:00Z')).toEqual(['陈文员']);
    expect(names(text, 'office', '2026-12-25T01:00:00+08:00')).toEqual(['陈文员']);
    expect(names(text, 'office', '2026-12-23T23:00:00+08:00')).toEqual([]);
    // Staff of another estate never cover this one.
    const other = parseDutyRoster(text, 'duty.yaml', config);
    expect(onDuty(other, 'engineering', 'elsewhere', new Date('2026-11-27T23:00:00+08:00'), TZ)).toEqual([]);
  });

  it('a broken or missing roster stops the start, naming the file and the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'huiyin-duty-'));
    try {
      const sample = await readFile(SAMPLE, 'utf8');
      const cfg = join(dir, 'huiyin.yaml');
      await writeFile(cfg, `${sample}\ndutyRoster: ${join(dir, 'duty.yaml')}\n`);
      await expect(loadConfig({ flag: cfg, env: {}, fallback: 'x' })).rejects.toThrow(`${cfg}: dutyRoster: file not found: ${join(dir, 'duty.yaml')}`);
      await writeFile(join(dir, 'duty.yaml'), 'shifts:\n  - { staff: 张工, days: [mon], from: "22:00", to: "08:00" }\n  - { staff: 张三, days: [mon], from: "22:00", to: "08:00" }\n');
      await expect(loadConfig({ flag: cfg, env: {}, fallback: 'x' })).rejects.toThrow(`${join(dir, 'duty.yaml')}: shifts[1].staff: unknown staff "张三"`);
      await writeFile(join(dir, 'duty.yaml'), 'shifts:\n  - { staff: 张工, days: [mon], from: "22:00", to: "08:00" }\n');
      const { config: loaded } = await loadConfig({ flag: cfg, env: {}, fallback: 'x' });
      expect(loaded.dutyRoster).toBe(join(dir, 'duty.yaml'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is read again when the manager edits it; a broken edit is logged and the last good roster stays', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'huiyin-duty-'));
    dirs.push(dir);
    const file = join(dir, 'duty.yaml');
    const log: string[] = [];
    const write = async (text: string, mtime: number) => {
      await writeFile(file, text);
      await utimes(file, mtime, mtime); // distinct mtimes: a same-second rewrite of equal length would look unchanged
    };
    await write('shifts:\n  - { staff: 张工, days: [fri], from: "22:00", to: "08:00" }\n', 1_000);
    const source = new DutyRosterFile(file, config, (l) => log.push(l));
    const friday = new Date('2026-11-27T23:00:00+08:00');
    const who = async () => onDuty(await source.current(), 'engineering', 'sunshine', friday, TZ).map((s) => s.name);
    expect(await who()).toEqual(['张工']);
    await write('shifts:\n  - { staff: 赵总, units: [engineering], days: [fri], from: "22:00", to: "08:00" }\n', 2_000);
    expect(await who()).toEqual(['赵总']);
    await write('shifts:\n  - { staff: 赵总, units: [engineering], days: [fri], from: "22:00", to: "8:00" }\n', 3_000);
    expect(await who()).toEqual(['赵总']);
    expect(log.at(-1)).toBe(
      `duty roster not reloaded, the previous one stays in force: ${file}: shifts[0].to: a time of day such as 22:00 (24:00 for midnight at the end)`,
    );
    await rm(file);
    expect(await who()).toEqual(['赵总']);
    expect(log.at(-1)).toMatch(/duty roster file not found$/);
  });
});

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
