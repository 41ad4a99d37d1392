import { describe, expect, it } from 'vitest';
import { shippedClassifier } from './helpers.ts';

// Rule families added for generalisation (broad facility and fault lexicons, complaint targets, parties, chatter).
// Sentences written for these tests, not taken from any evaluation set.
const { classifier, clauseOf } = shippedClassifier();

describe('facility × fault lexicon (4.2.1.1)', () => {
  it.each([
    '车库的卷帘门歇菜了 一按就卡在半空',
    '6栋门口的雨水篦子缺了一块 自行车轮子会掉进去',
    '儿童区的跷跷板有一头松垮垮的',
    '走廊的感应灯抽风 人走了还一直亮',
    '小区南门的闸机识别不了人脸',
    '楼顶的落水管被风吹歪了',
    '我家门铃没动静了 按了也不响',
  ])('%s → repair', (text) => {
    expect(clauseOf(text)).toBe('repair 4.2.1.1');
  });
});

describe('valid complaints: repetition, attitude, damage, cleaning, mail, contract, promise', () => {
  it('asked two or more times, still broken (4.3.1.5)', () => {
    expect(clauseOf('车库那个灯我报了四次 每次都说马上来 现在还是黑的')).toBe('valid 4.3.1.5');
    expect(clauseOf('门禁坏了半个月了 到现在还没人来修')).toBe('valid 4.3.1.5');
  });
  it('attitude (4.3.1.6)', () => {
    expect(clauseOf('前台的小姑娘说话特别难听 问两句就不耐烦')).toBe('valid 4.3.1.6');
    expect(clauseOf('保安把我当贼一样盘问 这是什么态度')).toBe('valid 4.3.1.6');
  });
  it('staff damaged or threw away the owner’s things (4.3.1.6), even with fault words', () => {
    expect(clauseOf('师傅修水管的时候把我家瓷砖砸碎了')).toBe('valid 4.3.1.6');
    expect(clauseOf('保洁把我放楼道的纸箱当垃圾清走了')).toBe('valid 4.3.1.6');
  });
  it('cleaning and greening quality (4.2.3)', () => {
    expect(clauseOf('电梯里有一摊呕吐物 到中午了也没人收拾')).toBe('valid 4.2.3');
    expect(clauseOf('门口的灌木被剪得跟狗啃的一样')).toBe('valid 4.2.3');
  });
  it('mail lost or late (4.2.3)', () => {
    expect(clauseOf('我的包裹物业代签收了 去拿的时候说找不着了')).toBe('valid 4.2.3');
  });
  it('contract duties not done (4.3.1.1) and promises not kept (4.3.1.2)', () => {
    expect(clauseOf('合同写着每天巡逻 晚上一个保安都找不着人')).toBe('valid 4.3.1.1');
    expect(clauseOf('之前说好交全年送一次清洗 现在又说活动取消了')).toBe('valid 4.3.1.2');
  });
  it('coercive measures against the regulations (4.3.1.3)', () => {
    expect(clauseOf('物业费晚交几天就把我家门禁卡停了 这合法吗')).toBe('valid 4.3.1.3');
  });
  it('wrong charges (4.3.1.4)', () => {
    expect(clauseOf('办出入证收了我五十 价目表上根本没这项')).toBe('valid 4.3.1.4');
    expect(clauseOf('物业费我早就交清了 又收到催缴短信')).toBe('valid 4.3.1.4');
  });
  it('work by a contractor the office hired (4.3.1.7), not a fresh repair', () => {
    expect(clauseOf('物业找的防水公司刚弄完 第二天就又漏了')).toBe('valid 4.3.1.7');
  });
});

describe('assist parties', () => {
  it('neighbours occupying common space or keeping animals (4.3.2.1)', () => {
    expect(clauseOf('对门把旧家具全摆在楼道里 过都过不去')).toBe('assist 4.3.2.1');
    expect(clauseOf('隔壁在阳台上养了一群鸽子 味道很大')).toBe('assist 4.3.2.1');
  });
  it('construction defects in a new house (4.3.2.2), even with fault words', () => {
    expect(clauseOf('刚收房 卫生间墙面就开裂了')).toBe('assist 4.3.2.2');
  });
  it('outside operators (4.3.2.4)', () => {
    expect(clauseOf('丰巢的柜子打不开 客服也打不通')).toBe('assist 4.3.2.4');
  });
});

describe('excessive demands', () => {
  it('setting one’s own price for an approved fee (4.3.3.2)', () => {
    expect(clauseOf('物业费合同是两块五 我觉得一块五就够了')).toBe('excessive 4.3.3.2');
  });
  it('free private services (4.3.3.3)', () => {
    expect(clauseOf('你们电工能不能免费来给我修下电视')).toBe('excessive 4.3.3.3');
    expect(clauseOf('保安能不能每天帮我把车挪一下')).toBe('excessive 4.3.3.3');
  });
  it('new amenities (4.3.3.1)', () => {
    expect(clauseOf('建议在楼顶加个空中花园')).toBe('excessive 4.3.3.1');
  });
});

describe('paid services and consultations', () => {
  it('the owner offers to pay, or asks the office’s price', () => {
    expect(clauseOf('院子的草太高了 想请人割一下 费用照算')).toBe('paid_service 4.2.2');
    expect(clauseOf('想在公告栏贴张招生海报 一周多少钱')).toBe('paid_service 4.2.2');
  });
  it('questions about procedures, times and the fund are consult', () => {
    expect(clauseOf('大件垃圾扔哪里 需要预约吗')).toBe('consult 5.1');
    expect(clauseOf('今年什么时候开始供暖')).toBe('consult 5.1');
    expect(clauseOf('维修基金的余额在哪能查')).toBe('consult 5.1');
  });
});

describe('chatter that uses domain words stays other', () => {
  it.each([
    '谁家有梯子 借用一下 换个灯泡',
    '准备换个马桶 大家觉得哪个牌子好',
    '物业的师傅真负责 半小时就把水管修好了 点赞',
    '停电那天幸亏有应急灯 物业考虑得挺周到',
    '有没有人要旧纸箱 搬家剩下的',
    '晚上广场有露天电影 带孩子去看看',
    '家里的绿萝长太好了 免费送 自取',
    '群里能不能别发广告了',
  ])('%s → other', (text) => {
    expect(classifier().classify(text).label).toBe('other');
  });
  it('a willingness to pay that is negated is not a paid service', () => {
    expect(classifier().classify('物业能不能每天派人帮我倒垃圾 不想另外付钱').label).toBe('excessive');
  });
});
