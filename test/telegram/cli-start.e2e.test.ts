import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi } from './fake-bot-api.ts';
import { ENGINEERING, OWNERS, TOKEN, telegramConfig, WANG } from './harness.ts';

const ROOT = join(import.meta.dirname, '../..');
let dir: string;
let fake: FakeBotApi;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiyin-tg-cli-'));
  fake = new FakeBotApi(TOKEN);
  await fake.start();
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe('huiyin start with TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT', () => {
  it('runs the bot against that server with the given --config; the flow is driven from outside the process', async () => {
    const config = await telegramConfig(dir);
    const file = join(dir, 'huiyin.yaml');
    await writeFile(file, stringify({ ...config, dataDir: join(dir, 'data') }));
    const env: NodeJS.ProcessEnv = { ...process.env, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot };
    delete env.WECHATY_PUPPET;
    delete env.HUIYIN_DATA;
    const child = spawn(process.execPath, [join(ROOT, 'bin/huiyin.js'), 'start', '--config', file], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      fake.say(WANG, OWNERS, '报修 5栋2单元502 厨房水管漏水 13800138000 明天下午两点');
      const readBack = await fake.waitForSent(OWNERS.id, '请核对', 20_000);
      expect(readBack.text).toContain('138****8000');
      fake.say(WANG, OWNERS, '确认');
      await fake.waitForSent(OWNERS.id, '已登记,编号 R0001', 10_000);
      await fake.waitForSent(ENGINEERING.id, '【新报修】R0001', 10_000);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    expect(stderr).not.toMatch(/Error/);
  });
});
