/**
 * Issue 17, item 1: the data directory on a real 256 KB tmpfs that fills up while the bot runs. The real core
 * (openRuntime: lowdb store, rules, Bot) talks through the real Telegraf client to the fake Bot API on 127.0.0.1.
 * Checked: the owner and the staff member are told at once that nothing was saved and which number to call (sent
 * without the durable outbox, which cannot be written); managers hear once per incident with the free space left;
 * nothing half-written is left; writes work again by themselves once space is freed; a bot starting on the full
 * disk refuses with a clear message; `huiyin doctor` reports the low space.
 * Mounting needs root (CI runs as root); elsewhere the suite is skipped, saying why.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../adapters/telegram/telegram-adapter.ts';
import { storageAlertText } from '../../src/alerts/storage-alarm.ts';
import { runDoctorCommand } from '../../src/cli/doctor.ts';
import { ManualClock } from '../../src/clock.ts';
import { TELEGRAM_GUARD, TELEGRAM_OUTBOX } from '../../adapters/telegram/from-env.ts';
import { connect, openRuntime, platformParts, type Runtime } from '../../app/compose.ts';
import { PLATFORMS } from '../../app/platforms.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import type { Store } from '../../src/store/store.ts';
import { FakeBotApi } from '../telegram/fake-bot-api.ts';
import { MANAGERS, OWNERS, TOKEN, telegramConfig, WANG, ZHANG } from '../telegram/harness.ts';

const mountPoint = mkdtempSync(join(tmpdir(), 'huiyin-full-'));
const mountError = tryMount(mountPoint);
if (mountError) console.warn(`disk-full tests skipped: cannot mount a 256 KB tmpfs at ${mountPoint} (${mountError}); they need root, as in CI`);

function tryMount(dir: string): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0755', 'tmpfs', dir], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return ((error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message).split('\n')[0];
  }
}

/** Writes a filler file until the filesystem refuses (ENOSPC). */
async function fill(file: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const block = Buffer.alloc(4096, 1);
    for (;;) await handle.write(block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * On a full filesystem the store's journal can still take a few small entries into the block it already has (issue
 * 17, item 5): those writes are durable and acknowledged. Fill that room too, with records of halving sizes, so that
 * the bot's next write is the one refused.
 */
async function fillJournalSlack(store: Store): Promise<void> {
  let n = 0;
  for (let size = 4096; size >= 8; size >>= 1) {
    for (;;) {
      try {
        await store.putRecord('test-slack', `k${n++}`, 'x'.repeat(size));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
        throw error;
      }
    }
  }
}

/** Every file under `dir`: no temp file left behind, every JSON file parses. */
async function checkNothingHalfWritten(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    expect(entry.name, path).not.toMatch(/\.tmp$/);
    const text = await readFile(path, 'utf8');
    if (entry.name.endsWith('.json')) expect(() => JSON.parse(text), path).not.toThrow();
  }
}

describe.skipIf(mountError !== undefined)('a full disk under a running bot (real tmpfs)', () => {
  const dataDir = join(mountPoint, 'data');
  const filler = join(mountPoint, 'filler');
  const clock = new ManualClock('2026-11-27T09:00:00+08:00');
  const logs: string[] = [];
  const alerts: string[] = [];
  let fake: FakeBotApi;
  let runtime: Runtime;
  let adapter: TelegramAdapter;

  beforeAll(async () => {
    mkdirSync(dataDir);
    fake = new FakeBotApi(TOKEN, { now: () => clock.now().getTime() });
    await fake.start();
    const config = await telegramConfig(dataDir);
    const log = (line: string) => logs.push(line);
    let managers: TelegramAdapter | undefined;
    runtime = await openRuntime(config, clock, log, {
      // As in `huiyin start`: the managers' Telegram chat is an alert channel.
      alert: async (text: string) => {
        alerts.push(text);
        await managers?.send({ chat: { platform: 'telegram', id: String(MANAGERS.id) }, text });
      },
    });
    const parts = platformParts('telegram', { store: runtime.store, clock, log })({
      outbox: { ...TELEGRAM_OUTBOX, perChatIntervalMs: 5, overallIntervalMs: 0, retryBaseMs: 50 },
      guard: TELEGRAM_GUARD,
    });
    adapter = new TelegramAdapter({ token: TOKEN, apiRoot: fake.apiRoot, store: runtime.store, log, botName: config.botName, clock, parts });
    managers = adapter;
    await connect(runtime.bot, [adapter], log);
  });

  afterAll(async () => {
    await adapter?.stop();
    await runtime?.close();
    await fake?.close();
  });

  it('tells the owner and the staff member at once, alerts managers once with the free space, and recovers when space returns', async () => {
    // Before: a ticket is recorded as usual.
    fake.say(WANG, OWNERS, '报修 5栋2单元502 厨房水管漏水 13800138000 明天下午两点');
    await fake.waitForSent(OWNERS.id, '请核对', 10_000);
    fake.say(WANG, OWNERS, '确认');
    await fake.waitForSent(OWNERS.id, '已登记,编号 R0001', 10_000);
    await adapter.drained();

    await fill(filler);
    await fillJournalSlack(runtime.store);
    const sentBefore = fake.sent.length;
    fake.say(WANG, OWNERS, '报修 3栋1单元101 卫生间马桶堵了 13800138000 明天上午');
    const told = await fake.waitForSent(OWNERS.id, '没有登记上', 10_000);
    expect(told.text).toContain('0755-8888 1001');
    expect(told.text).toContain(`@${WANG.first_name}`);
    const alert = await fake.waitForSent(MANAGERS.id, '数据盘已满', 10_000);
    expect(alert.text).toMatch(/剩余 \d+ KB/);

    fake.say(ZHANG, OWNERS, '接单 R0001');
    const staffTold = await fake.waitForSent(OWNERS.id, '刚才的操作没有保存', 10_000);
    expect(staffTold.text).toContain('0755-8888 1001');
    fake.say(WANG, OWNERS, '@huiyin_test_bot 报修 3栋楼道灯不亮');
    await fake.waitFor(() => fake.sentTo(OWNERS.id).filter((m) => m.text.includes('没有登记上')).length === 2, 10_000, 'a second notice');
    await runtime.storage.settled();
    expect(alerts.filter((a) => a.includes('数据盘已满'))).toHaveLength(1);
    expect(fake.sent.length).toBeGreaterThan(sentBefore);
    expect(logs.join('\n')).toMatch(/sending from memory/);
    const [r1] = await runtime.store.listTickets();
    expect(r1?.status).toBe('open');

    // Space returns: the same store takes writes again, nobody restarts anything.
    await rm(filler);
    clock.advance(6 * 60_000);
    fake.say(WANG, OWNERS, '报修 3栋1单元101 卫生间马桶堵了 13800138000 明天上午');
    await fake.waitFor(() => fake.sentTo(OWNERS.id).filter((m) => m.text.includes('请核对')).length === 2, 10_000, 'a second read-back');
    fake.say(WANG, OWNERS, '确认');
    await fake.waitForSent(OWNERS.id, '已登记,编号 R0002', 10_000);
    fake.say(ZHANG, OWNERS, '接单 R0001');
    await fake.waitForSent(OWNERS.id, 'R0001 已由 张工 受理', 10_000);
    await runtime.storage.settled();
    expect(alerts.filter((a) => a.includes('数据盘已恢复'))).toHaveLength(1);
    await fake.waitForSent(MANAGERS.id, '数据盘已恢复', 10_000);
    await adapter.drained();
  });

  it('leaves nothing half-written: no temp files, every data file parses, and the store reopens with the ticket', async () => {
    await adapter.stop();
    await runtime.close();
    await checkNothingHalfWritten(dataDir);
    const store = await openLowdbStore({ dataDir, backups: 0 });
    try {
      expect((await store.listTickets()).map((t) => [t.number, t.status])).toEqual([['R0001', 'accepted'], ['R0002', 'open']]);
    } finally {
      await store.close();
    }
  });

  it('a bot started on the full disk refuses with what to do; doctor reports the low space', async () => {
    const fresh = join(mountPoint, 'fresh');
    mkdirSync(fresh);
    await fill(filler);
    try {
      await expect(openLowdbStore({ dataDir: fresh, backups: 0 })).rejects.toThrow(/full disk \(\d+ KB free\).*cannot write its lock file.*Free some space/);
      expect(await readdir(fresh)).toEqual([]);
      const file = join(mountPoint, 'doctor.yaml');
      const out = new PassThrough();
      let printed = '';
      out.on('data', (d: Buffer) => (printed += d.toString()));
      // The config file itself needs room: written before filling would be nicer, so free the filler briefly.
      await rm(filler);
      await writeFile(file, stringify({ ...(await telegramConfig(fresh)), dataDir: fresh }));
      await fill(filler);
      const code = await runDoctorCommand(['--config', file], { stdout: out, stderr: out, env: {} }, PLATFORMS);
      expect(code).toBe(1);
      expect(printed).toMatch(/problem\s+disk: only 0 MB free/);
    } finally {
      await rm(filler, { force: true });
    }
  });
});

afterAll(() => {
  if (!mountError) execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});
