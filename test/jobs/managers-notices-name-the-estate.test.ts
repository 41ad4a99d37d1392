import { afterEach, describe, expect, it } from 'vitest';
import { coreServices } from '../../app/compose.ts';
import { ReminderScan } from '../../src/jobs/reminder-scan.ts';
import { render, Transcript, withSecondEstate } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const MINUTE = 60_000;
const scan = async () => (await new ReminderScan({ config: tr.config, store: tr.store, clock: tr.clock, ...coreServices(tr.config, tr.store, tr.clock) }).scan()).map(render);

/**
 * Seen in play (field13 task, lead): with two estates, the 公司领导 chat (of no one estate) read 【紧急】R0001 电梯困人 …
 * and 【紧急】… 已15分钟无人接单 with nothing saying whose estate it was; each estate's office settles its own work (policy
 * 3.2, 4.2.1) and leadership could not tell which to call. 36f72fc named the estate in 查, 待办 and the digest; the
 * notices and reminders to such a chat now start with it (【月亮湾】). An estate's own chats read as before.
 */
describe('notices to a chat of no one estate in a company of several', () => {
  it('name the estate, in the new-ticket notice and in reminders; the estate chats do not', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T07:39:00+08:00', configure: withSecondEstate });
    const out = await tr.say('王女士', 'moon-owners', '5栋2单元 电梯关人了 快来人', { mention: true });
    const managers = out.filter((l) => l.startsWith('[managers]'));
    expect(managers).toHaveLength(1);
    expect(managers[0]).toMatch(/^\[managers\] 【月亮湾】【紧急】R0001 电梯困人/);
    expect(out.find((l) => l.startsWith('[moon-engineering]'))).toMatch(/^\[moon-engineering\] 【紧急】R0001/);
    tr.clock.advance(15 * MINUTE);
    await scan();
    tr.clock.advance(30 * MINUTE);
    const chased = (await scan()).filter((l) => l.includes('紧急催办'));
    expect(chased).toEqual([
      expect.stringMatching(/^\[moon-engineering\] 【紧急催办】R0001/),
      expect.stringMatching(/^\[managers\] 【月亮湾】【紧急催办】R0001/),
    ]);
  });

  it('a company of one estate reads as before', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T07:39:00+08:00' });
    const out = await tr.say('王女士', 'owners', '5栋2单元 电梯关人了 快来人', { mention: true });
    expect(out.find((l) => l.startsWith('[managers]'))).toMatch(/^\[managers\] 【紧急】R0001 电梯困人/);
  });
});
