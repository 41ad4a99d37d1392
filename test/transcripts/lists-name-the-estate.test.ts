import { afterEach, describe, expect, it } from 'vitest';
import { digestText } from '../../src/reports/digest.ts';
import { Transcript, withSecondEstate } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play with two estates (field12 task): 刘工, an engineer of no one estate, and 赵总 read in 待办, 超时 and the
 * 全部小区 日报 'R0001 … 5栋502 厨房漏水' and 'R0002 … 5栋502 卫生间堵了': the same flat number in two estates, nothing
 * saying whose each was, and 查 R0002 did not say it either. Each office settles its own estate's work (policy 3.2,
 * 4.2.1: the request goes to 管理处 of that estate): the reader must know which office to call. A reader of one estate
 * reads as before.
 */
describe('with several estates, lists and 查 name the estate', () => {
  it('in 待办, 超时, 查 and the digest of all estates', async () => {
    tr = await Transcript.open({
      classify: 'shipped',
      start: '2026-12-08T09:00:00+08:00',
      configure: (c) => {
        const two = withSecondEstate(c);
        return { ...two, staff: [...two.staff, { platform: 'console', id: 'liu', name: '刘工', unit: 'engineering', role: 'handler', onDuty: true }] };
      },
    });
    await tr.say('王女士', 'owners', '报修 5栋502 厨房漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('周先生', 'moon-owners', '报修 5栋502 卫生间堵了 13700137000 随时');
    await tr.say('周先生', 'moon-owners', '确认');
    await tr.say('liu', 'dm', '接单 R0001');
    await tr.say('liu', 'dm', '接单 R0002');
    tr.clock.set('2026-12-12T09:00:00+08:00');

    const todo = (await tr.say('liu', 'dm', '待办')).join('\n');
    expect(todo).toContain('阳光家园 R0001 报修 · 处理中 · 刘工 · 5栋502 厨房漏水');
    expect(todo).toContain('月亮湾 R0002 报修 · 处理中 · 刘工 · 5栋502 卫生间堵了');
    const late = (await tr.say('zhao', 'managers', '超时')).join('\n');
    expect(late).toContain('阳光家园 R0001 报修');
    expect(late).toContain('月亮湾 R0002 报修');
    expect((await tr.say('liu', 'dm', '查 R0002')).join('\n')).toMatch(/^\[dm\] R0002 报修\(条款 4\.2\.1\.1\)· 处理中\n小区:月亮湾\n地点:5栋502/);
    const digest = await digestText({ store: tr.store, config: tr.config, clock: tr.clock });
    expect(digest).toContain('  阳光家园 R0001 5栋502 厨房漏水 · 刘工');
    expect(digest).toContain('  月亮湾 R0002 5栋502 卫生间堵了 · 刘工');

    // The office head of one estate reads as before; an estate's own digest too.
    expect((await tr.say('li', 'office', '超时')).join('\n')).toMatch(/\nR0001 报修 · 处理中/);
    expect(await digestText({ store: tr.store, config: tr.config, clock: tr.clock }, 'moon')).toContain('  R0002 5栋502 卫生间堵了 · 刘工');
  });
});
