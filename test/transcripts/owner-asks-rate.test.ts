import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const ANSWER =
  '处理及时率是管理处每月对报修、投诉等处理情况的内部统计分析(制度5.5),不对外公布。您自己的事项可以发「我的报修」查看进度;对服务有意见可以直接跟我说,我帮您登记投诉,也可以拨打服务质量投诉电话 0755-8888 1000(管理处主任)。';

/**
 * Seen in play (field12 task): an owner's '及时率' in the owners' group met silence, and '@回音 你们的及时率是多少' was asked
 * 报修、投诉还是咨询. Policy 5.5 makes the rate the office's monthly analysis, not a figure published to owners; 5.1
 * gives owners the quality-complaint number. The owner now hears that, politely, with how to follow their own matters.
 * Staff asking keep their answers; talk about the rate among owners ('及时率怎么这么低 我看也不及时') is left alone.
 */
describe('an owner asking the 及时率', () => {
  it('is told what it is and where to turn, in the group and in private', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect(await tr.say('王女士', 'owners', '及时率')).toEqual([`[owners] @王女士 ${ANSWER}`]);
    expect(await tr.say('王女士', 'owners', '你们的及时率是多少', { mention: true })).toEqual([`[owners] @王女士 ${ANSWER}`]);
    expect(await tr.say('李先生', 'owners', '物业这个月及时率怎么样')).toEqual([`[owners] @李先生 ${ANSWER}`]);
    expect(await tr.say('李先生', 'dm', '及时率')).toEqual([`[dm] ${ANSWER}`]);
    expect(await tr.say('李先生', 'owners', '及时率怎么这么低 我看也不及时')).toEqual([]);
    // Staff as before: the office head gets the figure.
    expect((await tr.say('li', 'office', '及时率')).join('\n')).toContain('及时率 截至');
  });
});
