/**
 * Issue 17, item 4: a confirmation delivered again after a crash. Handling 确认 writes the ticket, ends the intake,
 * and only then are the owner's number and the engineering notice queued and the update marked seen; a process killed
 * in between has the platform deliver the same message again. Before this fix it found no intake and got the help
 * text: the number (or the notice) was lost. These transcripts replay exactly that message (same id, same time).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const REPORT = '报修 5栋2单元502 厨房水管漏水 13800138000 随时';

describe('the message that recorded a ticket, delivered again', () => {
  it('gets the same number and the same engineering notice again, and no second ticket', async () => {
    tr = await Transcript.open();
    expect((await tr.say('王女士', 'owners', REPORT, { mention: true })).join('\n')).toContain('请核对');
    const first = await tr.say('王女士', 'owners', '确认');
    expect(first).toEqual([expect.stringMatching(/^\[owners\] @王女士 已登记,编号 R0001/), expect.stringMatching(/^\[engineering\] 【新报修】R0001/)]);

    const again = await tr.redeliver();
    expect(again).toEqual(first);
    expect((await tr.store.listTickets()).map((t) => t.number)).toEqual(['R0001']);
  });

  it('killed after the ticket was remembered but before the intake ended: the intake ends, still one ticket', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', REPORT, { mention: true });
    const sessions = await tr.store.listRecords('sessions');
    expect(sessions).toHaveLength(1);
    const first = await tr.say('王女士', 'owners', '确认');
    // As if the process had died before deleting the intake: it is back in the store.
    const [key, session] = sessions[0]!;
    await tr.store.putRecord('sessions', key, session);

    expect(await tr.redeliver()).toEqual(first);
    expect((await tr.store.listTickets()).map((t) => t.number)).toEqual(['R0001']);
    expect(await tr.store.listRecords('sessions')).toEqual([]);
  });

  it('the ticket, the message that recorded it, the owner remembered and the end of the intake: one durable write', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', REPORT, { mention: true });
    const journal = join(tr.dataDir, 'journal.log');
    // The entries, without the zeros that follow them (room for the next, journal.ts).
    const entries = async () => (await readFile(journal, 'utf8')).replace(/\0+$/, '').split('\n').filter(Boolean);
    const before = await entries();
    await tr.say('王女士', 'owners', '确认');
    const written = (await entries()).slice(before.length);
    // All or nothing: a crash leaves the draft (确认 again records it) or all four, never a ticket with its intake open.
    expect(written).toHaveLength(1);
    expect(written[0]).toContain('"number":"R0001"');
    for (const namespace of ['recorded-by', 'owners', 'sessions']) expect(written[0]).toContain(`"namespace":"${namespace}"`);
  });

  it('a new 确认 from the same owner (another message) is not taken for the old one', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', REPORT, { mention: true });
    await tr.say('王女士', 'owners', '确认');
    const later = await tr.say('王女士', 'owners', '确认', { mention: true });
    expect(later.join('\n')).not.toContain('已登记');
    expect(later.join('\n')).not.toContain('【新报修】');
  });
});
