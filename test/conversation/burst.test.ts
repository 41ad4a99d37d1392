import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const PROBLEMS = ['厨房水管漏水', '卫生间灯不亮', '门锁坏了', '马桶堵了', '空调不制冷'];

/** Owner i's own facts: a room and a problem no other owner has. */
function owner(i: number) {
  const name = `业主${String(i).padStart(2, '0')}`;
  const room = `${1 + (i % 9)}栋${1 + (i % 3)}单元${1000 + i}`;
  const moved = `${1 + (i % 9)}栋${1 + (i % 3)}单元${2000 + i}`;
  const problem = `${PROBLEMS[i % PROBLEMS.length]}${i}号`;
  return { name, room, moved, problem };
}

describe('50 owners report in one group at once (issue 16 §6)', () => {
  it('interleaved, with corrections: each owner gets their own questions, read-back and number, nothing crossed', async () => {
    tr = await Transcript.open();
    const N = 50;
    const people = Array.from({ length: N }, (_, i) => owner(i));
    /** Every line each owner was sent in the group, by owner. */
    const heard = new Map<string, string[]>(people.map((p) => [p.name, []]));
    const say = async (i: number, text: string) => {
      const { name } = people[i]!;
      const out = await tr.say(name, 'owners', text);
      const mine = out.filter((l) => l.startsWith('[owners]'));
      // Every answer in the group names the owner it answers, and only that owner.
      for (const line of mine) expect(line.startsWith(`[owners] @${name} `), `${name}: ${line.slice(0, 80)}`).toBe(true);
      heard.get(name)!.push(...mine);
      return mine.at(-1) ?? '';
    };

    // Round 1, everyone at once: a third say 随时 up front, a quarter give a phone.
    for (const [i, p] of people.entries()) {
      const extra = `${i % 3 === 0 ? ' 随时' : ''}${i % 4 === 0 ? ` 139${String(10000000 + i)}` : ''}`;
      const first = await say(i, `报修 ${p.room} ${p.problem}${extra}`);
      expect(first, p.name).toMatch(i % 3 === 0 ? /请核对/ : /请问什么时间方便师傅上门/);
    }
    // Round 2, in another order: times answered; every fifth at the read-back moves the place.
    for (const i of [...people.keys()].reverse()) {
      const p = people[i]!;
      if (i % 3 !== 0) {
        const back = await say(i, i % 2 ? '明天上午' : '周六下午');
        expect(back, p.name).toContain(`地点:${p.room}`);
        expect(back, p.name).toContain(`内容:${p.problem}`);
      }
      if (i % 5 === 1) expect(await say(i, `地点改成${p.moved}`), p.name).toContain(`地点:${p.moved}`);
    }
    // Round 3: every seventh says 修改, then changes the content; every eleventh changes the time.
    for (const [i, p] of people.entries()) {
      if (i % 7 === 0) {
        expect(await say(i, '修改'), p.name).toContain('请问要改哪一项');
        const back = await say(i, `内容改成${p.problem},还在滴水`);
        expect(back, p.name).toContain(`内容:${p.problem},还在滴水`);
        expect(back, p.name).toContain(`地点:${i % 5 === 1 ? p.moved : p.room}`);
      }
      if (i % 11 === 5) expect(await say(i, '时间改成下周一下午'), p.name).toContain('时间:11月30日 14:00–18:00');
    }
    // Round 4: all confirm, odd ones first.
    const numbers = new Map<string, string>();
    for (const i of [...people.keys()].sort((a, b) => (a % 2) - (b % 2) || a - b).reverse()) {
      const done = await say(i, '确认');
      const number = /已登记,编号 (R\d{4})/.exec(done)?.[1];
      expect(number, `${people[i]!.name}: ${done}`).toBeDefined();
      numbers.set(people[i]!.name, number!);
    }

    // Fifty numbers, one each, and each ticket is that owner's own words.
    expect(new Set(numbers.values()).size).toBe(N);
    for (const [i, p] of people.entries()) {
      const ticket = await tr.store.getTicket(numbers.get(p.name)!);
      expect(ticket?.owner.displayName, p.name).toBe(p.name);
      expect(ticket?.location?.text, p.name).toBe(i % 5 === 1 ? p.moved : p.room);
      expect(ticket?.description, p.name).toBe(i % 7 === 0 ? `${p.problem},还在滴水` : p.problem);
      expect(ticket?.owner.phone, p.name).toBe(i % 4 === 0 ? `139${String(10000000 + i)}` : undefined);
      if (i % 11 === 5) expect(ticket?.appointmentAt, p.name).toBe(new Date('2026-11-30T14:00:00+08:00').toISOString());
      // Nothing another owner said reached this owner's answers.
      const others = people.filter((o) => o.name !== p.name);
      for (const line of heard.get(p.name)!) for (const o of others) expect(line.includes(o.problem) && !line.includes(p.problem), `${p.name} heard ${o.name}`).toBe(false);
    }
    expect(await tr.store.listTickets()).toHaveLength(N);
  }, 120_000);
});
