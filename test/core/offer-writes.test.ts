import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

/**
 * Issue 17, item 5: writes of one message that can go together are issued together, so the store commits them as
 * one durable write (group-commit.ts) rather than flushing one and then the other. Counted here as "rounds": a write
 * that starts while none of the message's writes is pending starts a new round.
 */
let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

function countRounds(t: Transcript): { rounds: number; writes: number } {
  const counts = { rounds: 0, writes: 0 };
  let pending = 0;
  const store = t.store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of ['putRecord', 'putRecords', 'deleteRecord', 'createTicket', 'appendEvent', 'appendEvents']) {
    const original = store[name]!.bind(t.store);
    store[name] = (...args: unknown[]) => {
      if (pending === 0) counts.rounds += 1;
      counts.writes += 1;
      pending += 1;
      return original(...args).finally(() => (pending -= 1));
    };
  }
  return counts;
}

const leak = () => ({ label: 'repair' as const, clause: '4.2.1.1' as const, unit: 'engineering' as const, major: false, confidence: 0.9 });
const other = () => ({ label: 'other' as const, clause: null, unit: null, major: false, confidence: 1 });

describe('an offer let pass (issue 17, item 5)', () => {
  it('ends the offer and starts the owner\'s cooldown in one round of writes', async () => {
    tr = await Transcript.open({ classify: (text) => (text.includes('漏水') ? leak() : other()) });
    expect((await tr.say('王女士', 'owners', '楼上好像漏水了'))[0]).toContain('需要我帮您登记吗');
    const counts = countRounds(tr);
    expect(await tr.say('王女士', 'owners', '哈哈哈哈')).toEqual([]);
    expect(counts).toEqual({ rounds: 1, writes: 2 });
    // Still declined: no second offer for this owner for a while.
    expect(await tr.say('王女士', 'owners', '楼下也漏水了')).toEqual([]);
  });

  it.each([
    ['found past its time', true],
    ['let pass', false],
  ])('an offer %s ends, with the cooldown, by deferred writes; what the owner says is written durably', async (_name, expired) => {
    tr = await Transcript.open({ classify: (text) => (text.includes('漏水') ? leak() : other()) });
    expect((await tr.say('王女士', 'owners', '楼上好像漏水了'))[0]).toContain('需要我帮您登记吗');
    const calls: Array<{ name: string; deferred: boolean }> = [];
    const store = tr.store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const name of ['putRecord', 'deleteRecord']) {
      const original = store[name]!.bind(tr.store);
      store[name] = (...args: unknown[]) => {
        const options = args.find((a, i) => i >= 2 && typeof a === 'object' && a !== null && 'deferred' in a) as { deferred?: boolean } | undefined;
        calls.push({ name, deferred: options?.deferred === true });
        return original(...args);
      };
    }
    if (expired) tr.clock.advance(11 * 60_000);
    expect(await tr.say('王女士', 'owners', '哈哈哈哈')).toEqual([]);
    expect(calls).toEqual([{ name: 'deleteRecord', deferred: true }, { name: 'putRecord', deferred: true }]);
    expect(await tr.store.listRecords('sessions')).toEqual([]);
    // A new matter the owner reports is an acknowledgement: its session is written durably.
    calls.length = 0;
    await tr.say('王女士', 'owners', '报修 1栋1单元101 厨房水管漏水');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => !c.deferred)).toBe(true);
  });

  it('an offer made unasked is kept, with the chat\'s count of offers, by deferred writes that the next durable write carries', async () => {
    let flushes = 0;
    let journal: { size: number } | undefined;
    tr = await Transcript.open({ classify: (text) => (text.includes('漏水') ? leak() : other()) });
    const calls: Array<{ name: string; namespace: string; deferred: boolean }> = [];
    const store = tr.store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>> & { queue?: { journal?: { size: number } } };
    // The lowdb store's journal: its size grows by one entry per flush (journal.ts).
    journal = store.queue?.journal;
    expect(journal).toBeDefined();
    const original = store.putRecord!.bind(tr.store);
    store.putRecord = (...args: unknown[]) => {
      const options = args[3] as { deferred?: boolean } | undefined;
      calls.push({ name: 'putRecord', namespace: args[0] as string, deferred: options?.deferred === true });
      const before = journal?.size;
      return original(...args).finally(() => {
        if (journal && journal.size !== before) flushes += 1;
      });
    };
    const sizeBefore = journal?.size;
    expect((await tr.say('王女士', 'owners', '楼上好像漏水了'))[0]).toContain('需要我帮您登记吗');
    expect(calls).toEqual([
      { name: 'putRecord', namespace: 'sessions', deferred: true },
      { name: 'putRecord', namespace: 'offers', deferred: true },
    ]);
    // Nothing reached the journal: in memory only, so the owner's yes still finds the offer.
    expect(journal?.size).toBe(sizeBefore);
    expect(flushes).toBe(0);
    expect((await tr.store.listRecords('sessions')).map(([, s]) => (s as { kind?: string }).kind)).toEqual(['offer']);
    // The next durable write (here the owner's yes, which starts the intake) carries them, ahead of its own change.
    const yes = await tr.say('王女士', 'owners', '登记');
    expect(yes[0]).toContain('请问是哪个房间');
    expect(flushes).toBe(1);
    expect(journal!.size).toBeGreaterThan(sizeBefore ?? 0);
  });
});
