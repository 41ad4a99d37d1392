import { describe, expect, it } from 'vitest';
import { shippedClassifier } from './helpers.ts';

// Mechanisms of issue 20 round J. Sentences written for these tests, not taken from any evaluation set; each checks a
// general cue, not a sentence.
const { label, clauseOf } = shippedClassifier();

describe('a review of a stay, a shop or a meal is chatter (other.lodging, other.review, words/chatter_review.txt)', () => {
  it('a hotel room’s air-con and noise are the hotel’s', () => {
    expect(label('宾馆房间的马桶是坏的 冲不下去')).toBe('other');
    expect(label('这家旅馆隔音太差 楼上走路咚咚响 一晚没睡好')).toBe('other');
  });
  it('two review words make a review even with no lodging named', () => {
    expect(label('房价不便宜 早餐一般 卫生间的下水是坏的')).toBe('other');
  });
  it('a hotel next door or in the estate, or one the developer promised, is still a matter for the office', () => {
    expect(label('隔壁酒店的空调外机噪音太大 吵得整晚睡不着')).toBe('assist');
    expect(label('开发商承诺的五星级酒店到现在还没建')).toBe('assist');
    expect(label('楼下有户把房子改成日租房民宿了 天天拖着箱子进进出出 物业管管')).toBe('assist');
  });
});

describe('how owners name a place and a fee error', () => {
  it('a Hong Kong block and flat (3座1402) names the place of a fault reported in the group', () => {
    expect(label('屋企厕所塞咗 6座0805')).toBe('repair');
  });
  it('a meter misread, or a fee asked about as too high, is a billing error (4.3.1.4)', () => {
    expect(clauseOf('这个月电费怎么这么高 是不是抄错了')).toBe('valid 4.3.1.4');
  });
});

describe('words found inside other words', () => {
  it('一滴水都没有 is no drip', () => {
    expect(label('早上起来打开水龙头 一滴水都没有 洗脸都洗不了')).not.toBe('repair');
  });
});

describe('neighbours and faults said without the usual words', () => {
  it('noise through the ceiling is a neighbour’s noise', () => {
    expect(clauseOf('每天晚上天花板咚咚的脚步声 到一点都不停')).toBe('assist 4.3.2.1');
  });
  it('belongings heaped inside the building block the way (楼内, 楼里)', () => {
    expect(clauseOf('楼里杂物堆得到处都是 上下楼都得侧着身子')).toBe('assist 4.3.2.1');
  });
  it('a lift door that shuts on people is a fault', () => {
    expect(label('2号楼电梯门老是夹人 昨天又被门夹了一下')).toBe('repair');
  });
});

describe('diaries and essays tell, they do not ask (other.diary, other.essay)', () => {
  it('what the writer found out or told a friend afterwards', () => {
    expect(label('查了电费还有钱 电闸也正常 下楼一看我才发现整栋楼都停电了')).toBe('other');
    expect(label('跟朋友吐槽了一下停水的事 她说她们那也停')).toBe('other');
  });
  it('a general statement about how people live', () => {
    expect(label('楼板薄隔音差 是导致邻里矛盾的主要原因')).toBe('other');
    expect(label('相信很多人都被楼上的噪音困扰过')).toBe('other');
  });
  it('not when the office is asked or the matter is still open', () => {
    expect(label('下班回来我才发现楼道灯坏了好几天了 物业赶紧来修一下')).toBe('repair');
  });
});

