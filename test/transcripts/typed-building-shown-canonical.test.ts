import { afterEach, describe, expect, it } from 'vitest';
import { coreServices } from '../../app/compose.ts';
import { ReminderScan } from '../../src/jobs/reminder-scan.ts';
import { ledgerRow } from '../../src/reports/ledger-export.ts';
import { render, Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const scan = async () => (await new ReminderScan({ config: tr.config, store: tr.store, clock: tr.clock, ...coreServices(tr.config, tr.store, tr.clock) }).scan()).map(render);

/**
 * Seen in play (field13): '@回音 6动301 厨房水龙头坏了 下午在家' (栋 typed 动) was read back and notified as 地点:6栋301,
 * yet 【待接单提醒】 and 【无人接单】 said 'R0002 6动301 厨房水龙头坏了', and so did the ledger's 房号/地点: the record the
 * owner confirmed is 6栋301 (policy 4.1.1 记清楚, 6).
 */
describe('a room typed with a slip', () => {
  it('is shown as confirmed in reminders and the ledger', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T10:00:00+08:00' });
    expect((await tr.say('李先生', 'owners', '6动301 厨房水龙头坏了 下午在家', { mention: true })).join('\n')).toContain('地点:6栋301');
    await tr.say('李先生', 'owners', '确认');
    tr.clock.advance(31 * 60_000);
    const reminders = (await scan()).join('\n');
    expect(reminders).toContain('【待接单提醒】R0001 6栋301 厨房水龙头坏了');
    expect(reminders).not.toContain('6动');
    const [ticket] = await tr.store.listTickets();
    expect(ledgerRow(ticket!, tr.clock.now(), tr.config, 'repairNotice')).toContain('6栋301');
  });
});
