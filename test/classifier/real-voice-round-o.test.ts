import { describe, expect, it } from 'vitest';
import { shippedClassifier } from './helpers.ts';

// Mechanisms of issue 20 round O (batch 15: Weibo posts of 2020). The chatter sentences are lines of
// eval/real/dev-15.jsonl (id in the comment; source: COVID-19-Weibo-data/COVID-19-sentiment-analysis-dataset-Weibo),
// the guards lines of the shared dev set (/work/shared/eval/dev.jsonl) and of eval/real/dev-3.jsonl. Each positive case gave another label with the
// rules of round N (29baadd), shown in the comment.
const { label, clauseOf } = shippedClassifier();

describe("news reposted: a body's answer, a press conference, a 【headline】 (other.news)", () => {
  it("a national body's answer reported is chatter", () => {
    // rd15-010; round N: assist 4.3.2.5 (卫健)
    expect(label('国家卫健委回应回小区要对暗号：不应限制外出工作人员回小区')).toBe('other');
  });
  it('a press conference reported under a bracketed headline is chatter', () => {
    // rd15-072; round N: assist 4.3.2.5 (疾控)
    expect(
      label(
        '【国家卫健委：】2020年2月16日，在国务院联防联控机制新闻发布会上，国家卫生健康委疾控局副局长周宇辉说，可以在小区出入口设置体温监测点、严格人员登记，但不应限制外出工作人员回到小区。',
      ),
    ).toBe('other');
  });
  it('guard: departments asked to clear the cars blocking the road outside the estate stay assist', () => {
    // eval/real/dev-3.jsonl (a resident's letter)
    expect(label('还请相关部门和领导能够将此处的占道车辆清离,将门前道路还给小区居民。谢谢。')).toBe('assist');
  });
});

describe("an official's or a public figure's manner is no complaint about the estate's staff (valid.attitude_words)", () => {
  it('a section chief scolding doctors is chatter', () => {
    // rd15-024; round N: valid 4.3.1.6 (训斥)
    expect(
      label(
        '这就是医疗系统中的垃圾，一个检查科长一点医学常识都没有，凭什么对专业的医生就病毒问题进行训斥，你这个监察科长有这个资格吗？   O李文亮所在医院为何医护人员伤亡惨重？',
      ),
    ).toBe('other');
  });
  it("a foreign mayor's retort in a reposted video is chatter", () => {
    // rd15-043; round N: valid 4.3.1.6 (怼)
    expect(
      label('【 】 疫情赶紧结束吧，股市快扛不住了， @WatchThis字幕组 L意大利市长在线怼市民：一封闭你们就爱跑步了，平时咋不见你们跑'),
    ).toBe('other');
  });
  it('guard: a guard who swears at an owner and a parking attendant who shouts at an old man stay 4.3.1.6', () => {
    // dev set d031, d159
    expect(clauseOf('3号门晚班那个保安张口就骂人！！我车牌没识别让他抬下杆 他直接爆粗口 我全程录了视频 必须给个说法')).toBe(
      'valid 4.3.1.6',
    );
    expect(clauseOf('管停车的那个大叔对老人太凶了 我爸就问了个路 被他吼“别挡道” 老人家回来气得血压都上去了')).toBe('valid 4.3.1.6');
  });
});

describe('天黑了 is nightfall, not a light gone dark (repair.strong_fault)', () => {
  it('a stranded traveller saying night has fallen reports no fault', () => {
    // rd15-146; round N: repair 4.2.1.1 (黑了)
    expect(
      label(
        '从巴塞罗那到西安一万公里的奔波，回不去家！联系社区，社区不接收！联系物业，物业下班！天已经黑了，这么冷的天，再健康的人也受不了啊！什么时候才能回家啊！ @都市快报',
      ),
    ).not.toBe('repair');
  });
  it('guard: lights out in a lift car and in a stairwell stay repairs', () => {
    // dev set d027, d087
    expect(clauseOf('9栋2号梯轿厢里的灯不亮了 黑乎乎的 晚上坐着有点吓人')).toBe('repair 4.2.1.1');
    expect(label('7栋1到3楼的楼道灯全灭了 黑咕隆咚的 老人上下楼太危险 麻烦电工来看看')).toBe('repair');
  });
});
