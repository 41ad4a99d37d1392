import { describe, expect, it } from 'vitest';
import { shippedClassifier } from './helpers.ts';

// Messages that look like another label than the one they are: a question that is a complaint, a complaint that
// reads like a repair, chatter full of domain words. Sentences written for these tests, not taken from any evaluation set.
const { classifier, clauseOf } = shippedClassifier();

describe('a topic word + a particle is not a consultation when the message is something else', () => {
  it('不 counts as a question mark only at the end of a clause', () => {
    expect(clauseOf('装防盗窗要跟物业登记不')).toBe('consult 5.1');
    expect(classifier().classify('我姐夫就是干水电的 今天都不回家吃饭').label).toBe('other');
  });
  it('a complaint that ends with a question stays a complaint', () => {
    expect(clauseOf('收发室把我的挂号信弄丢了 到底谁管？')).toBe('valid 4.2.3');
    expect(clauseOf('客服接电话那个人说我事真多 这是服务态度吗')).toBe('valid 4.3.1.6');
  });
  it('asking what a fee is (5.1)', () => {
    expect(clauseOf('账单上那个公共能耗费是什么意思')).toBe('consult 5.1');
  });
});

describe('request phrases: fault and fix words', () => {
  it.each(['书房的插座全没电了 空开没跳 别的房间正常', '厨房水槽下水特别慢 求修', '单元门的门轴松了 门框上螺丝翘出来 麻烦来拧紧'])(
    '%s → repair',
    (text) => {
      expect(clauseOf(text)).toBe('repair 4.2.1.1');
    },
  );
});

describe('valid complaints that look like repairs or questions', () => {
  it('charged twice (4.3.1.4)', () => {
    expect(clauseOf('停车费这个月扣了两遍 app里有两笔记录')).toBe('valid 4.3.1.4');
  });
  it('asked again and still not done (4.3.1.5)', () => {
    expect(clauseOf('楼道的扶手松了 上周报过 昨天又催了 还是没人来')).toBe('valid 4.3.1.5');
  });
  it('staff broke the owner’s things (4.3.1.6), not a repair', () => {
    expect(clauseOf('绿化工人割草把我停在路边的车窗打碎了')).toBe('valid 4.3.1.6');
  });
  it('a contractor hired by the office did nothing (4.3.1.7)', () => {
    expect(clauseOf('物业请的清洗公司来了一趟 水箱照样一股味 走过场')).toBe('valid 4.3.1.7');
  });
  it('the contract is cited and the duty not done (4.3.1.1)', () => {
    expect(clauseOf('合同里写着每月消杀一次 半年了一次都没见')).toBe('valid 4.3.1.1');
  });
});

describe('chatter with domain words stays chatter', () => {
  it.each([
    '我家下周开始装修卫生间 先跟楼上楼下的邻居打声招呼',
    '有没有认识靠谱的空调师傅 我妈家的空调不制冷了',
    '大家一般装修完通风多久再入住',
    '终于来电了 大家冰箱里的东西都还好吧',
    '提醒大家 有骗子冒充物业打电话让交钱',
  ])('%s → other', (text) => {
    expect(classifier().classify(text).label).toBe('other');
  });
});

describe('excessive demands', () => {
  it('the owner sets the basis of an approved fee (4.3.3.2)', () => {
    expect(clauseOf('物业费以后只按实际住的月份收')).toBe('excessive 4.3.3.2');
  });
  it('a private errand for the staff (4.3.3.3)', () => {
    expect(clauseOf('让保安每天晚上去公交站接我一下')).toBe('excessive 4.3.3.3');
  });
  it('installing in one’s own space is a question, not a new public facility', () => {
    expect(clauseOf('自家车位想装个充电桩 要办什么手续')).toBe('consult 5.1');
  });
});
