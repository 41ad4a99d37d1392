/**
 * Written Cantonese (and a few Wu) forms → standard written Mandarin, so that one set of rule words covers owners
 * who type the way they speak (感应灯坏咗 → 感应灯坏了, 冇人理 → 没有人理, 唔该 → 麻烦). Blind set G (southern
 * high-rise) lost most of its lines because no rule word matched such text.
 *
 * Only forms that are not also ordinary Mandarin are listed: 系 (系统), 呢 (a Mandarin particle), 仲 (仲裁) and
 * 点X (饭点计生办, 重点解决) are handled in context or left alone. Applied after traditional → simplified, so the
 * keys are simplified.
 */
const WORDS: Record<string, string> = {
  唔该晒: '谢谢',
  唔该: '麻烦',
  唔好: '不要',
  唔使: '不用',
  唔系: '不是',
  // Question words (round Q): '管理费几钱' (how much) and '点样报修' (how) were placed nowhere. 点解 / 点样 / 点算 are
  // matched only where they cannot be Mandarin 点 + 解决 / 样品 (see PATTERN).
  系唔系: '是不是',
  系咪: '是不是',
  几钱: '多少钱',
  几蚊: '多少钱',
  点样: '怎样',
  点解: '为什么',
  点算: '怎么办',
  // A verb + 唔到 is "cannot" (厕所冲唔到水, 个门开唔到, 煤气炉着唔到): 不了, which the fault words know (冲不了, 开不了);
  // after another character 唔 stays 不 (搵唔到 → 找不到).
  唔到: '不了',
  唔: '不',
  冇: '没有',
  咗: '了',
  嘅: '的',
  喺度: '在这里',
  喺: '在',
  啲: '些',
  嚟: '来',
  佢哋: '他们',
  佢: '他',
  哋: '们',
  睇: '看',
  俾: '给',
  畀: '给',
  嗰: '那',
  乜嘢: '什么',
  乜: '什么',
  咩: '什么',
  嘢: '东西',
  几多: '多少',
  几耐: '多久',
  几时: '什么时候',
  边度: '哪里',
  边个: '谁',
  而家: '现在',
  屋企: '家里',
  // Seen in play: "我屋企個水喉爆咗 5座1201 快啲嚟" (a burst pipe) and "廁所塞咗" (a blocked toilet) were placed nowhere.
  水喉: '水管',
  水掣: '阀门',
  电掣: '开关',
  塞咗: '堵了',
  冷气机: '空调',
  冷气: '空调',
  升降机: '电梯',
  𨋢: '电梯',
  听日: '明天',
  琴日: '昨天',
  下昼: '下午',
  落雨: '下雨',
  得闲: '有空',
  瞓: '睡',
  揾: '找',
  搵: '找',
  攞: '拿',
  呢度: '这里',
  呢个: '这个',
  呢条: '这条',
  呢间: '这间',
  呢排: '最近',
  啱啱: '刚刚',
  咁: '这么',
  噉: '这样',
  嘈: '吵',
  掟: '扔',
  黐: '粘',
  冚: '全',
  好似: '好像',
  // 仲 is 还 (仲喺度, 仲未修) except in 仲裁 (a legal threat the major rules look for) and 仲夏.
  仲未: '还没',
  仲: '还',
  // Wu
  侬: '你',
  阿拉: '我们',
  覅: '不要',
};

const KEYS = Object.keys(WORDS).sort((a, b) => b.length - a.length);
const IN_CONTEXT: Record<string, string> = {
  仲: '仲(?![裁夏秋春冬])',
  阿拉: '阿拉(?!伯)',
  // 重点解决, 要点解释, 一点样品 are Mandarin
  点解: '(?<![重要焦难观特优缺疑终起盲亮一])点解(?![决释答析读])',
  点样: '(?<![一重要样])点样(?![品板本式子])',
  点算: '(?<![一重要])点算(?![数术法])',
  唔到: '(?<=[冲开着打关锁撳按用启入出落上])唔到',
};
const PATTERN = new RegExp(KEYS.map((k) => IN_CONTEXT[k] ?? k).join('|'), 'g');
/**
 * One character from each key: a message without any of them is returned untouched without running the regex. A
 * table by code unit, not a Set: this scan runs over every character of every message.
 */
const MARKERS = new Uint8Array(65536);
for (const k of KEYS) MARKERS[k.charCodeAt(0)] = 1;

export function toMandarin(text: string): string {
  let found = false;
  for (let i = 0; i < text.length; i++) {
    if (MARKERS[text.charCodeAt(i)] === 1) {
      found = true;
      break;
    }
  }
  if (!found) return text;
  return text.replace(PATTERN, (m) => WORDS[m] ?? m);
}
