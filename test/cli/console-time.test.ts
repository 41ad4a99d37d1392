import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiyin-time-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `printf … | huiyin start` as a new user runs it: no platform tokens, no config override. */
function replay(lines: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, HUIYIN_DATA: join(dir, 'data'), HUIYIN_WEB_PORT: '0' };
  delete env.TELEGRAM_BOT_TOKEN;
  delete env.WECHATY_PUPPET;
  delete env.HUIYIN_CONFIG;
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/huiyin.js'), 'start'], { cwd: dir, input: `${lines.join('\n')}\n`, env, encoding: 'utf8', timeout: 30_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Seen in play: the console chat had no way to move time, so a person trying the bot never saw a reminder, an
 * escalation or the daily digest happen (policy 5.2, 5.3). `/time` moves the console's clock on and runs the jobs
 * that fall due on the way, printing what they send. Day time first, so quiet hours hold nothing back.
 */
describe('the console /time command', () => {
  it('moves the clock on and shows the reminder and the escalation that fall due', () => {
    const run = replay(['/time 明天 10:00', '报修 5栋2单元502 厨房水管漏水 13800138000 随时', '确认', '/time +2h', '/time 后天', '/quit']);
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\(时间已调到 \d+月\d+日 10:00;/);
    expect(run.stdout).toContain('[工程班] 回音: 【待接单提醒】R0001');
    expect(run.stdout).toContain('[管理处] 回音: 【无人接单】R0001');
    expect(run.stdout).toMatch(/\(时间已调到 \d+月\d+日 12:00;其间到点的任务发出 [1-9]\d* 条消息\)/);
    // The next day's 18:00 digest on the way to the day after.
    expect(run.stdout).toMatch(/\[公司领导\] 回音: 【阳光家园 日报/);
    // A time that cannot be read is said so, and nothing moves.
    expect(replay(['/time 随便', '/quit']).stdout).toContain('没看懂「随便」');
  }, 60_000); // spawns the bot twice, which loads nodejieba: seconds alone, more on a busy CI machine
});
