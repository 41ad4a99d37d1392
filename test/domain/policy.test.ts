import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../src/clock.ts';
import { coreServices } from '../../app/compose.ts';
import { CategorySchema } from '../../src/domain/category.ts';
import { CategoryPolicySchema, clauseFits, clausesOf, DEFAULT_CLAUSE, partyOf, POLICY, resolutionHours } from '../../src/domain/policy.ts';
import { ReminderScan } from '../../src/jobs/reminder-scan.ts';
import { render, Transcript } from '../helpers/transcript.ts';

describe('the policy table (src/domain/policy.ts): one answer per category for every reader', () => {
  it('gives each category its default clause and the sub-clauses the policy lists, and nothing else', () => {
    expect(clausesOf('valid')).toEqual(['4.2.3', '4.3.1.1', '4.3.1.2', '4.3.1.3', '4.3.1.4', '4.3.1.5', '4.3.1.6', '4.3.1.7']);
    expect(clauseFits('assist', '4.3.2.1')).toBe(true);
    expect(clauseFits('assist', '4.3.2')).toBe(true);
    expect(clauseFits('repair', '4.3.2.1')).toBe(false);
    // Clauses the policy does not have were accepted by 定性 before the table (clauseFits matched a prefix).
    expect(clauseFits('excessive', '4.3.3.9')).toBe(false);
    expect(clauseFits('repair', '4.2.1.1.2')).toBe(false);
    expect(clausesOf('other')).toEqual([]);
    for (const category of CategorySchema.options) expect(clauseFits(category, DEFAULT_CLAUSE[category])).toBe(true);
  });

  it('names the outside party of each assist sub-clause and of no other clause', () => {
    expect(['4.3.2.1', '4.3.2.2', '4.3.2.3', '4.3.2.4', '4.3.2.5'].map(partyOf)).toEqual([
      'other_owner',
      'developer',
      'owners_committee',
      'utility',
      'government',
    ]);
    expect(partyOf('4.3.2')).toBeUndefined();
    expect(partyOf('4.3.1.1')).toBeUndefined();
  });

  it('refuses a row whose sub-clause is not under its default clause, naming the field', () => {
    const bad = CategoryPolicySchema.safeParse({ ...POLICY.assist, subClauses: [{ clause: '4.2.2' }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['subClauses', 0, 'clause']);
  });

  it("takes a category's own resolution time over the deployment's", () => {
    const settings = { sla: { defaultResolutionHours: 72, firstResponseMinutes: 30 }, reminders: { categories: { repair: { resolutionHours: 24 } } } };
    expect(resolutionHours(settings, 'repair')).toBe(24);
    expect(resolutionHours(settings, 'paid_service')).toBe(72);
  });
});

describe('超时 and the reminders read one resolution time (policy 5.2)', () => {
  let tr: Transcript;
  afterEach(async () => {
    await tr?.close();
  });

  it('a repair with its own 24 h: 超时 lists it and the office head is reminded at the same deadline, not at 72 h', async () => {
    tr = await Transcript.open({
      configure: (c) => ({ ...c, reminders: { ...c.reminders, categories: { ...c.reminders.categories, repair: { resolutionHours: 24 } } } }),
    });
    expect(tr.config.sla.defaultResolutionHours).toBe(72);
    const scan = async () => (await new ReminderScan({ config: tr.config, store: tr.store, clock: tr.clock, ...coreServices(tr.config, tr.store, tr.clock) }).scan()).map(render);
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');

    tr.clock.advance(23 * HOUR);
    expect((await scan()).filter((l) => l.includes('【超时】'))).toEqual([]);
    expect(await tr.say('li', 'dm', '超时')).toEqual(['[dm] 没有超时工单。']);

    tr.clock.advance(HOUR + 5 * MINUTE);
    const reminders = (await scan()).filter((l) => l.includes('【超时】'));
    expect(reminders).toEqual([expect.stringMatching(/^\[office\] 【超时】R0001 .*应于 11月28日 09:00 前办结/)]);
    const listed = (await tr.say('li', 'dm', '超时'))[0]!;
    expect(listed).toContain('R0001');
    expect(listed).toContain('应于 11月28日 09:00 完成');
  });
});
