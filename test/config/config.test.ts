import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_RULES, ConfigError, loadConfig, parseConfig } from '../../src/config/load.ts';

const GOOD = `
timezone: Asia/Shanghai
dataDir: ./data
estates:
  - id: sunshine
    name: 阳光家园
    serviceCard: { repair: "1", complaint: "2", consult: "3", qualityComplaint: "4" }
chats:
  - { platform: telegram, id: "-1001", estate: sunshine, role: owners }
  - { platform: telegram, id: -1002, estate: sunshine, role: engineering }
  - { platform: telegram, id: "-1004", role: managers }
staff:
  - { platform: telegram, id: "501", name: 张工, estate: sunshine, unit: engineering, role: handler }
`;

function problemsOf(text: string, file = 'huiyin.yaml'): string[] {
  try {
    parseConfig(text, file, '/srv/huiyin');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.message.startsWith(`${file}:`)).toBe(true);
    return e.problems;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('reads a good file, fills defaults and resolves paths from the base directory', () => {
    const config = parseConfig(GOOD, 'huiyin.yaml', '/srv/huiyin');
    expect(config.dataDir).toBe('/srv/huiyin/data');
    expect(config.rulesDir).toBe(BUILTIN_RULES);
    expect(parseConfig(`${GOOD}\nrulesDir: my-rules\n`, 'huiyin.yaml', '/srv/huiyin').rulesDir).toBe('/srv/huiyin/my-rules');
    expect(config.sla.maxPromiseHours).toBe(72);
    expect(config.cron.dailyDigest).toBe('0 18 * * *');
    expect(config.chats[1]!.id).toBe('-1002');
    expect(config.chats[0]!.offerToRegister).toBe(true);
    expect(config.staff[0]!.role).toBe('handler');
  });

  it('names the path of a wrong field', () => {
    const problems = problemsOf(GOOD.replace('role: engineering', 'role: plumbing'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^chats\[1\]\.role: /);
  });

  it('names the complaint chase setting when it is wrong', () => {
    expect(parseConfig(`${GOOD}reminders: { complaintChaseHours: 8 }\n`, 'huiyin.yaml', '/srv/huiyin').reminders.complaintChaseHours).toBe(8);
    expect(parseConfig(GOOD, 'huiyin.yaml', '/srv/huiyin').reminders.complaintChaseHours).toBe(4);
    expect(problemsOf(`${GOOD}reminders: { complaintChaseHours: 0 }\n`)).toEqual([expect.stringMatching(/^reminders\.complaintChaseHours: .*at least 1 hour/)]);
  });

  it('names an unknown estate and lists the known ones', () => {
    expect(problemsOf(GOOD.replace('"-1001", estate: sunshine', '"-1001", estate: sunshin'))).toEqual([
      'chats[0].estate: unknown estate "sunshin" (known: sunshine)',
    ]);
  });

  it('reports every problem at once', () => {
    const text = GOOD.replace('timezone: Asia/Shanghai', 'timezone: Mars/Olympus').replace('name: 张工, ', '').replace('"-1004"', '"-1001"').replace('role: managers', 'role: owners');
    const problems = problemsOf(text);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^timezone: unknown timezone "Mars\/Olympus"/),
        expect.stringMatching(/^staff\[0\]\.name: /),
      ]),
    );
    expect(problems.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses duplicate chats and staff', () => {
    const dupChat = GOOD.replace('id: -1002', 'id: "-1001"');
    expect(problemsOf(dupChat)).toContain('chats[1].id: chat telegram:-1001 is already configured as chats[0]');
  });

  it('needs at least one estate', () => {
    expect(problemsOf('timezone: Asia/Shanghai\nestates: []\n')[0]).toMatch(/^estates: at least one estate/);
  });

  it('says which line of broken YAML and broken JSON', () => {
    expect(problemsOf('estates: [\n  - id: x', 'a.yaml')[0]).toMatch(/^not valid YAML/);
    expect(problemsOf('{"estates": ', 'a.json')[0]).toMatch(/^not valid JSON/);
    expect(problemsOf('- just\n- a list\n')[0]).toMatch(/expected a mapping/);
  });

  describe('loading from disk', () => {
    const dirs: string[] = [];
    afterAll(async () => {
      for (const d of dirs) await rm(d, { recursive: true, force: true });
    });

    it('takes --config before HUIYIN_CONFIG, and HUIYIN_DATA over dataDir', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'huiyin-config-'));
      dirs.push(dir);
      const a = join(dir, 'a.yaml');
      const b = join(dir, 'b.json');
      await writeFile(a, GOOD);
      await writeFile(b, JSON.stringify({ estates: [{ id: 'x', name: 'X', serviceCard: { repair: '1', complaint: '2', consult: '3', qualityComplaint: '4' } }] }));
      const fromFlag = await loadConfig({ flag: a, env: { HUIYIN_CONFIG: b }, fallback: 'nope.yaml' });
      expect(fromFlag.file).toBe(a);
      const fromEnv = await loadConfig({ env: { HUIYIN_CONFIG: b, HUIYIN_DATA: join(dir, 'elsewhere') }, fallback: 'nope.yaml' });
      expect(fromEnv.config.estates[0]!.id).toBe('x');
      expect(fromEnv.config.dataDir).toBe(join(dir, 'elsewhere'));
    });

    it('says when the file is missing', async () => {
      await expect(loadConfig({ flag: '/nonexistent/huiyin.yaml', env: {}, fallback: 'x' })).rejects.toThrow('/nonexistent/huiyin.yaml: file not found');
    });
  });

  it('the sample config is valid', async () => {
    const { config } = await loadConfig({ flag: 'config/sample.yaml', env: {}, fallback: 'x' });
    expect(config.estates[0]!.name).toBe('阳光家园');
    expect(config.chats.some((c) => c.platform === 'console' && c.role === 'owners')).toBe(true);
  });
});
