import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field7 notes): the office head's bare "及时率多少" got the ten-line monthly analysis (分台账, 分类别,
 * 分部门, 分处理人, 满意度, 投诉类别 …). A bare question wants the one figure, the counts behind it, and how to get the
 * whole report (policy 5.5).
 */
describe('及时率 asked bare: the figure, not the report', () => {
  it('gives this month so far with its counts and the command for the full report; 月报 is still the report', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T09:00:00+08:00' });
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    // Nothing due yet: no 0% and no 无, but what there is and why it is not counted.
    const early = (await tr.say('li', 'office', '及时率多少')).join('\n');
    expect(early).toContain('及时率:暂无可计入的事项\n登记 1 件,计入 0 件;未到期 1 件暂不计入');
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '完成 R0001 换了角阀');
    await tr.say('王女士', 'owners', '报修 3栋101 阳台灯不亮 13900139000 随时');
    await tr.say('王女士', 'owners', '确认');

    for (const asked of ['及时率多少', '及时率', '这个月及时率多少?']) {
      const answer = (await tr.say('li', 'office', asked)).join('\n');
      expect(answer, asked).toMatch(/^\[office\] 【阳光家园 2026-12 及时率 截至12月8日 09:00】/);
      expect(answer, asked).toContain('及时率 100%(1/1)');
      expect(answer, asked).toContain('登记 2 件,计入 1 件;未到期 1 件暂不计入');
      expect(answer, asked).toContain('请发「月报」');
      expect(answer, asked).not.toContain('分处理人:');
      expect(answer.split('\n').length, asked).toBeLessThanOrEqual(4);
    }
    expect((await tr.say('li', 'office', '上个月的及时率')).join('\n')).toContain('请发「月报 上月」');
    // A month as 月报 takes it: 及时率 is no command word now, and this met silence.
    const november = (await tr.say('zhao', 'managers', '及时率 2026-11')).join('\n');
    expect(november).toContain('【阳光家园 2026-11 及时率】');
    expect(november).toContain('请发「月报 2026-11」');
    // The refusal names the word that was said.
    expect((await tr.say('wang', 'security', '及时率')).join('\n')).toContain('「及时率」是管理处和主任、领导看的汇总');
    const report = (await tr.say('li', 'office', '月报')).join('\n');
    expect(report).toContain('月度分析');
    expect(report).toContain('分处理人:');
  });
});
