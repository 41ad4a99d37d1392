import { describe, expect, it } from 'vitest';
import { shippedClassifier } from './helpers.ts';
import { ClassificationSchema } from '../../src/classifier/index.ts';

// Messages written for these tests (not taken from the dev set), one per rule family and policy boundary.

const { classifier, label, clauseOf } = shippedClassifier();

describe('result shape', () => {
  it('matches the Classification schema, with unit, clause and evidence', () => {
    const r = classifier().classify('3号楼的楼道灯坏了 晚上一片黑');
    expect(() => ClassificationSchema.parse(r)).not.toThrow();
    expect(r).toMatchObject({ label: 'repair', clause: '4.2.1.1', unit: 'engineering', major: false });
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.confidence).toBeLessThanOrEqual(1);
    const ev = r.evidence.find((e) => e.rule === 'repair.fault');
    expect(ev).toMatchObject({ label: 'repair', clause: '4.2.1.1', weight: 3 });
    expect(ev?.matched).toEqual(expect.arrayContaining(['楼道灯', '坏了']));
  });

  it('gives chatter label other with no clause and no unit', () => {
    const r = classifier().classify('今天的晚霞好漂亮 大家快去阳台看');
    expect(r).toMatchObject({ label: 'other', clause: null, unit: null });
    expect(r.party).toBeUndefined();
  });

  it('names the outside party for assist matters', () => {
    expect(classifier().classify('楼上卫生间漏水 渗到我家天花板了').party).toBe('other_owner');
    expect(classifier().classify('整栋楼停电三个小时了 供电局什么时候修好').party).toBe('utility');
  });
});

describe('repair (4.2.1.1)', () => {
  it.each([
    '卧室的插座没反应了 麻烦派个电工',
    '单元门的闭门器坏了 门关不上',
    '厨房下水道堵住了 水下不去',
    '地下车库的道闸抬不起来 卡住了',
    '小区东门的路灯不亮好几天了',
    '卫生间地漏返臭 能来看看吗',
  ])('%s → repair', (text) => {
    expect(clauseOf(text)).toBe('repair 4.2.1.1');
  });

  it('small installations are repairs', () => {
    expect(label('新买的吊灯想请师傅上门帮忙安装一下')).toBe('repair');
  });
});

describe('boundary: upstairs leak (4.3.2.1) vs own pipe (repair)', () => {
  it('water from upstairs is assist 4.3.2.1, not repair', () => {
    expect(clauseOf('楼上家的水管漏水 我家厨房顶上一直往下滴')).toBe('assist 4.3.2.1');
  });
  it('the owner’s own pipe leaking is repair', () => {
    expect(clauseOf('洗手池下面的水管漏水 是自家的管子接口松了')).toBe('repair 4.2.1.1');
  });
  it('negation: 不是楼上漏的 is not an upstairs leak', () => {
    const r = classifier().classify('阳台水管漏水 不是楼上漏的 麻烦来修一下');
    expect(r.label).toBe('repair');
    expect(r.negated).toContain('楼上');
  });
  it('without the negation the same sentence is assist', () => {
    expect(label('阳台水管漏水 是楼上漏的 麻烦来看一下')).toBe('assist');
  });
});

describe('boundary: construction defect (4.3.2.2)', () => {
  it('seepage in a new house is the developer’s matter', () => {
    expect(clauseOf('交房不到一年 卧室外墙就开始渗水 墙纸都鼓起来了')).toBe('assist 4.3.2.2');
  });
  it('the developer named outright', () => {
    expect(clauseOf('开发商答应的地下车库到现在还没交付')).toBe('assist 4.3.2.2');
  });
});

describe('boundary: utility outage (4.3.2.4) vs broken light (repair)', () => {
  it('a utility’s outage is assist 4.3.2.4', () => {
    expect(clauseOf('整个小区停水了 自来水公司也没通知')).toBe('assist 4.3.2.4');
    expect(clauseOf('家里宽带断网一整天了 电信客服打不通')).toBe('assist 4.3.2.4');
  });
  it('a broken light in the estate is repair', () => {
    expect(clauseOf('5栋电梯厅的灯坏了 一直不亮')).toBe('repair 4.2.1.1');
  });
  it('only this home without power (tripped breaker) is repair, and 不是停电 is negated', () => {
    expect(label('家里没电了 就我家 邻居家都有电 可能是空开跳了')).toBe('repair');
    const r = classifier().classify('客厅插座不通电 不是停电 其他房间都正常');
    expect(r.label).toBe('repair');
    expect(r.negated).toContain('停电');
  });
  it('asking when a notified outage happens is consult', () => {
    expect(label('后天是不是要停电 几点到几点')).toBe('consult');
  });
});

describe('boundary: repeated report (4.3.1.5)', () => {
  it.each([
    '水龙头漏水上周就报修了 到现在还没人来',
    '这是第三次说了 楼道的窗户还是坏的',
    '电梯又坏了 说了好几次 每次都说记下了 然后没下文',
  ])('%s → valid 4.3.1.5', (text) => {
    expect(clauseOf(text)).toBe('valid 4.3.1.5');
  });
  it('a first report of the same fault is a repair', () => {
    expect(label('楼道的窗户坏了 关不上')).toBe('repair');
  });
});

describe('boundary: fee question (5.1) / fee complaint (4.3.1.4) / fee reduction (4.3.3.2)', () => {
  it('asking about a fee is consult', () => {
    expect(clauseOf('物业费一年交一次还是可以按月交')).toBe('consult 5.1');
  });
  it('a wrong or extra charge is valid 4.3.1.4', () => {
    expect(clauseOf('这个月物业费多收了我一百块 账单上莫名多了一项')).toBe('valid 4.3.1.4');
    expect(clauseOf('停车费没有任何公告就涨了 凭什么')).toBe('valid 4.3.1.4');
  });
  it('asking to lower an approved fee is excessive 4.3.3.2', () => {
    expect(clauseOf('物业费太贵了 我要求打个八折')).toBe('excessive 4.3.3.2');
  });
});

describe('boundary: cleaning complaint (4.2.3) vs buying cleaning (4.2.2)', () => {
  it('dirty public areas are a valid complaint about cleaning quality', () => {
    expect(clauseOf('我们单元楼道好几天没人打扫了 地上全是垃圾')).toBe('valid 4.2.3');
  });
  it('asking for a paid cleaning at home is a paid service', () => {
    expect(clauseOf('想请保洁阿姨来家里做个大扫除 付费的')).toBe('paid_service 4.2.2');
  });
});

describe('valid complaints', () => {
  it('bad attitude of staff (4.3.1.6)', () => {
    expect(clauseOf('前台那个客服态度恶劣 问两句就不耐烦')).toBe('valid 4.3.1.6');
  });
  it('staff damaging belongings (4.3.1.6)', () => {
    expect(clauseOf('保洁拖地的时候把我放门口的鞋柜碰坏了')).toBe('valid 4.3.1.6');
  });
  it('lost mail (4.2.3)', () => {
    expect(clauseOf('我的挂号信在收发室弄丢了 谁负责')).toBe('valid 4.2.3');
  });
  it('contractor work below standard (4.3.1.7)', () => {
    expect(clauseOf('物业找的那家施工队刷的楼道墙 干活太糙 到处都是油漆点')).toBe('valid 4.3.1.7');
  });
});

describe('assist matters', () => {
  it('neighbour breaking rules (4.3.2.1)', () => {
    expect(clauseOf('隔壁在阳台私自搭建了一个铁皮棚')).toBe('assist 4.3.2.1');
    expect(clauseOf('有人高空抛物 差点砸到人')).toBe('assist 4.3.2.1');
  });
  it('owners’ committee / maintenance fund (4.3.2.3)', () => {
    expect(clauseOf('楼顶防水老化 建议动用维修基金整体翻新')).toBe('assist 4.3.2.3');
  });
  it('government departments disturbing residents (4.3.2.5)', () => {
    expect(clauseOf('城管半夜来敲门检查 太扰民了')).toBe('assist 4.3.2.5');
  });
});

describe('excessive demands', () => {
  it('new facilities not in the plan (4.3.3.1)', () => {
    expect(clauseOf('物业应该在小区里建个游泳池')).toBe('excessive 4.3.3.1');
  });
  it('personal errands outside the contract (4.3.3.3)', () => {
    expect(clauseOf('我出差三天 物业每天帮我喂猫吧 免费的')).toBe('excessive 4.3.3.3');
  });
});

describe('paid services and consultations', () => {
  it('notice-board rental is a paid service', () => {
    expect(clauseOf('想租小区宣传栏贴招生广告 怎么收费')).toBe('paid_service 4.2.2');
  });
  it('pest control on request is a paid service', () => {
    expect(clauseOf('家里有老鼠 想请物业安排灭鼠 费用我出')).toBe('paid_service 4.2.2');
  });
  it('procedures and phone numbers are consult', () => {
    expect(clauseOf('请问装修押金在哪里交')).toBe('consult 5.1');
    expect(clauseOf('物业的值班电话是多少')).toBe('consult 5.1');
  });
});

describe('chatter stays other', () => {
  it.each([
    '哈哈哈 太好笑了',
    '收到 谢谢',
    '新年快乐 恭喜发财',
    '谢谢师傅 灯已经修好了',
    '有没有邻居一起拼车去火车站',
    '专业开锁换锁 价格实惠 随叫随到',
    '',
    '[图片]',
  ])('%s → other', (text) => {
    expect(label(text)).toBe('other');
  });
});

describe('normalised input', () => {
  it('traditional characters and full-width digits classify like simplified', () => {
    const trad = classifier().classify('１２棟電梯壞了 困在裡面出不來');
    expect(trad.label).toBe('repair');
    expect(trad.normalised).toContain('12栋电梯坏了');
  });
  it('emoji and @mentions do not change the result', () => {
    expect(classifier().classify('@物业 @工程部 厨房水龙头关不紧😭😭').label).toBe('repair');
  });
});

describe('major matters (policy 3.1)', () => {
  it('flags fire, gas, injury, media threats and mass complaints', () => {
    expect(classifier().classify('地下室配电箱冒烟了 快来人').majorReasons.join()).toMatch(/fire/);
    expect(classifier().classify('楼道里一股煤气味 是不是漏气了').major).toBe(true);
    expect(classifier().classify('台阶松动 我妈摔伤了 送医院了').majorReasons.join()).toMatch(/injury/);
    expect(classifier().classify('再不处理我就找媒体曝光').majorReasons.join()).toMatch(/media/);
    expect(classifier().classify('全体业主联名投诉物业不作为').majorReasons.join()).toMatch(/mass/);
  });
  it('does not flag an ordinary repair', () => {
    expect(classifier().classify('阳台的晾衣架坏了').major).toBe(false);
  });
});

describe('explain', () => {
  it('names label, clause, unit, rules and matched words', () => {
    const text = classifier().explain(classifier().classify('楼上漏水 我家天花板都湿了 麻烦联系一下楼上业主'));
    expect(text).toContain('label: assist');
    expect(text).toContain('4.3.2.1');
    expect(text).toContain('assist.upstairs_leak');
    expect(text).toContain('楼上');
    expect(text).toContain('outside party: other_owner');
  });
  it('shows negated words', () => {
    expect(classifier().explain(classifier().classify('厨房水管漏水 不是楼上的问题'))).toContain('negated (ignored): 楼上');
  });
});
