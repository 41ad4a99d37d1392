import { afterEach, describe, expect, it } from 'vitest';
import { coreServices } from '../../app/compose.ts';
import { ReminderScan } from '../../src/jobs/reminder-scan.ts';
import { render, Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const MINUTE = 60_000;
const scan = async () => (await new ReminderScan({ config: tr.config, store: tr.store, clock: tr.clock, ...coreServices(tr.config, tr.store, tr.clock) }).scan()).map(render);

/**
 * Seen in play (field12 task): an entrapment nobody pressed 接单 for was chased at 5, 10 and 15 minutes and then
 * nothing more was ever sent until its three-day deadline (29 hours of silence). Policy 3.1: the duty desk chases
 * (跟催); 5.3: no request may go silent. The unit and leadership are now chased every `reminders.urgent.chaseMinutes`.
 */
describe('an emergency nobody accepts is chased on after leadership is told (policy 3.1, 5.3)', () => {
  it('every chaseMinutes to the unit and leadership, only the latest after a gap, until someone accepts', async () => {
    tr = await Transcript.open({ start: '2026-12-08T07:39:00+08:00' });
    await tr.say('王女士', 'owners', '5栋2单元 电梯关人了 快来人', { mention: true });
    for (const minutes of [5, 5, 5]) {
      tr.clock.advance(minutes * MINUTE);
      expect(await scan()).toHaveLength(1);
    }
    // 15 minutes: leadership was told. Nothing more until the chase is due.
    tr.clock.advance(29 * MINUTE);
    expect(await scan()).toEqual([]);
    tr.clock.advance(1 * MINUTE);
    expect(await scan()).toEqual([
      '[engineering] 【紧急催办】R0001 电梯困人 已45分钟仍无人接单(已报公司领导)!R0001 5栋2单元 电梯 电梯关人了 请立即接单或派单(制度3.1、5.3):接单 R0001 · 派单 R0001 姓名',
      '[managers] 【紧急催办】R0001 电梯困人 已45分钟仍无人接单(已报公司领导)!R0001 5栋2单元 电梯 电梯关人了 请立即接单或派单(制度3.1、5.3):接单 R0001 · 派单 R0001 姓名',
    ]);
    expect(await scan()).toEqual([]);
    tr.clock.advance(30 * MINUTE);
    expect((await scan()).map((l) => l.slice(0, 40))).toEqual([
      expect.stringContaining('[engineering] 【紧急催办】R0001 电梯困人 已1小时15分钟'),
      expect.stringContaining('[managers] 【紧急催办】R0001 电梯困人 已1小时15分钟'),
    ]);
    // A day later (the console's /time +1d): one chase, the latest, not forty-eight.
    tr.clock.advance(24 * 60 * MINUTE);
    const later = await scan();
    expect(later.filter((l) => l.includes('紧急催办'))).toEqual([
      expect.stringMatching(/^\[engineering\] 【紧急催办】R0001 电梯困人 已25小时15分钟仍无人接单/),
      expect.stringMatching(/^\[managers\] 【紧急催办】R0001 电梯困人 已25小时15分钟仍无人接单/),
    ]);
    // The 查 view says the chase goes on.
    expect((await tr.say('zhang', 'engineering', '查 R0001')).join('\n')).toContain('此后每 30 分钟再催,直到有人接单');
    // Someone has it: no more chasing.
    await tr.say('zhang', 'engineering', '接单 R0001');
    tr.clock.advance(60 * MINUTE);
    expect((await scan()).filter((l) => l.includes('紧急催办'))).toEqual([]);
  });

  it('the interval is configurable (reminders.urgent.chaseMinutes)', async () => {
    tr = await Transcript.open({ start: '2026-12-08T02:00:00+08:00' });
    tr.config.reminders.urgent.chaseMinutes = 10;
    await tr.say('孙先生', 'owners', '2栋1单元 楼道里煤气味很重', { mention: true });
    tr.clock.advance(15 * MINUTE);
    await scan();
    tr.clock.advance(10 * MINUTE);
    // In quiet hours too: an emergency is major.
    expect((await scan()).filter((l) => l.includes('紧急催办'))).toEqual([
      expect.stringMatching(/^\[engineering\] 【紧急催办】R0001 燃气泄漏 已25分钟仍无人接单/),
      expect.stringMatching(/^\[managers\] 【紧急催办】R0001 燃气泄漏 已25分钟仍无人接单/),
    ]);
  });
});
