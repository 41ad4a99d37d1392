import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
let dir: string;

/** Runs the real `huiyin` command as a user would, with its own environment. */
/** The environment of a new user: no platform tokens, no config override. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.TELEGRAM_BOT_TOKEN;
  delete env.WECHATY_PUPPET;
  delete env.HUIYIN_CONFIG;
  return env;
}

function huiyin(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/huiyin.js'), ...args], {
    cwd: dir,
    input: options.input ?? '',
    env: userEnv(options.env),
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiyin-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('huiyin command', () => {
  it('start without tokens runs the console chat on the sample estate and records for real', async () => {
    const data = join(dir, 'data');
    const script = ['报修 5栋2单元502 厨房水管漏水 13800138000 随时', '确认', '/as 张工', '/in engineering', '查询 R0001', '/in 私聊', '待办', '/quit'].join('\n');
    const run = huiyin(['start'], { input: script, env: { HUIYIN_DATA: data } });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('已登记,编号 R0001');
    expect(run.stdout).toContain('[工程班] 回音: 【新报修】R0001');
    expect(run.stdout).toContain('R0001 报修(条款 4.2.1.1)· 待受理');
    // A reply in a private chat carries the title the speaker's own line shows, not the chat's id ([私聊 zhang]).
    expect(run.stdout).toContain('[与回音私聊(张工)] 张工: 待办');
    expect(run.stdout).toMatch(/⤷ \[与回音私聊\(张工\)\] 回音: /);
    // The ticket is on disk: a second run sees it.
    const again = huiyin(['start'], { input: '/as 张工\n/in engineering\n查询 R0001\n', env: { HUIYIN_DATA: data } });
    expect(again.stdout).toContain('内容:厨房水管漏水');
  }, 60_000); // spawns the bot, which loads nodejieba: seconds alone, more on a busy CI machine

  it('check names the file, the field and the problem, and exits 1', async () => {
    const bad = join(dir, 'bad.yaml');
    const sample = await readFile(join(ROOT, 'config/sample.yaml'), 'utf8');
    await writeFile(bad, sample.replace('id: engineering, estate: sunshine', 'id: engineering, estate: moonlight'));
    const run = huiyin(['check', '--config', bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${bad}: chats[1].estate: unknown estate "moonlight" (known: sunshine)`);
    const ok = huiyin(['check', '--config', join(ROOT, 'config/sample.yaml')]);
    expect(ok.stdout).toMatch(/^ok: /);
    expect(ok.stdout).not.toContain('warning');
    expect(ok.code).toBe(0);
  });

  it('check shows a word listed twice in the word lists a manager owns, and still passes', async () => {
    const rules = join(dir, 'my-rules');
    await mkdir(join(rules, 'words'), { recursive: true });
    await writeFile(join(rules, 'r.yaml'), 'rules:\n  - id: repair.lift\n    label: repair\n    weight: 3\n    all: [\'@lifts\', 坏了]\n');
    await writeFile(join(rules, 'words/lifts.txt'), '电梯\n货梯\n');
    await writeFile(join(rules, 'words/places.txt'), '楼道\n电梯\n');
    const config = join(dir, 'words.yaml');
    const sample = await readFile(join(ROOT, 'config/sample.yaml'), 'utf8');
    await writeFile(config, sample.replace('# rulesDir: ./my-rules', `rulesDir: ${rules}`));
    const run = huiyin(['check', '--config', config]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(2 word lists)');
    expect(run.stdout).toContain(`warning: ${join(rules, 'words/places.txt')}:2: "电梯" is already listed (lifts.txt:1)`);
  });

  it('check --eval scores every labelled set under ./eval, prints figures and never a line of a set', async () => {
    const sets = join(dir, 'eval');
    await mkdir(join(sets, 'real'), { recursive: true });
    const line = (text: string, label: string, clause = '') => JSON.stringify({ text, label, clause });
    await writeFile(join(sets, 'a.jsonl'), [line('厨房水管爆了 赶紧派人来修', 'repair', '4.2.1.1'), line('今天天气真好', 'other')].join('\n'));
    await writeFile(join(sets, 'real/held.jsonl'), [line('楼上漏水 渗到我家了', 'assist', '4.3.2.1')].join('\n'));
    const run = huiyin(['check', '--eval'], { env: { HUIYIN_CONFIG: join(ROOT, 'config/sample.yaml') } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const evalLines = run.stdout.split('\n').filter((l) => l.startsWith('eval '));
    expect(evalLines).toHaveLength(2);
    expect(evalLines[0]).toMatch(/^eval eval\/a.jsonl \(2 lines\): macro-F1 [\d.]+ \| macro-F1 over labels present [\d.]+ \(2\) \| accuracy/);
    expect(evalLines[1]).toMatch(/^eval eval\/real\/held.jsonl \(1 lines\): /);
    for (const text of ['厨房水管', '天气', '楼上漏水']) expect(run.stdout).not.toContain(text);

    await writeFile(join(sets, 'broken.jsonl'), '{"text": "电梯坏了", "label": "fixit"}\n');
    const broken = huiyin(['check', '--eval', 'eval/broken.jsonl'], { env: { HUIYIN_CONFIG: join(ROOT, 'config/sample.yaml') } });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/problem: eval\/broken.jsonl:1: "label" must be one of repair, /);
  }, 60_000); // two runs, each loading nodejieba's dictionaries

  it('a second start on the same data directory is refused while the first runs', async () => {
    const data = join(dir, 'locked');
    const first = spawn(process.execPath, [join(ROOT, 'bin/huiyin.js'), 'start'], { cwd: dir, env: userEnv({ HUIYIN_DATA: data }), stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      // Wait until the first bot is up and holds the directory.
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('first bot did not start')), 20_000);
        first.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('控制台')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const second = huiyin(['start'], { input: '', env: { HUIYIN_DATA: data } });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`pid ${first.pid}`);
    } finally {
      first.stdin.end('/quit\n');
      await once(first, 'exit');
    }
    // Once the first has stopped, the directory is free again.
    expect(huiyin(['start'], { input: '', env: { HUIYIN_DATA: data } }).code).toBe(0);
  }, 60_000); // spawns the bot, which loads nodejieba: seconds alone, more on a busy CI machine

  it('demo prints a transcript from report to record', () => {
    const run = huiyin(['demo']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('已登记,编号 R0001');
    expect(run.stdout).toContain('[工程班] 回音: 【新报修】');
    expect(run.stdout).toContain('now removed');
  }, 60_000); // spawns the bot, which loads nodejieba: seconds alone, more on a busy CI machine

  it('unknown commands get the usage and exit 2', () => {
    const run = huiyin(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: huiyin <command>');
  });
});
