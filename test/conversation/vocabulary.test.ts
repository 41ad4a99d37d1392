import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check.ts';
import { CONFIRM } from '../../src/conversation/intake.ts';
import { ACCEPT_OFFER } from '../../src/conversation/offer.ts';
import { findTrigger } from '../../src/conversation/triggers.ts';
import {
  CONVERSATION_VOCABULARY,
  CONVERSATION_WORDS_PATH,
  ConversationVocabularySchema,
  parseVocabulary,
  triggerTable,
  VocabularyError,
  answerOf,
} from '../../src/conversation/vocabulary.ts';
import { Transcript } from '../helpers/transcript.ts';

const SHIPPED = readFileSync(CONVERSATION_WORDS_PATH, 'utf8');
const FILE = 'rules/vocabulary/conversation.yaml';
const parse = (text: string) => parseVocabulary(FILE, text, ConversationVocabularySchema);

function problem(text: string): string {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(VocabularyError);
    return (error as Error).message;
  }
  throw new Error('expected a VocabularyError');
}

let tr: Transcript | undefined;
afterEach(async () => {
  await tr?.close();
  tr = undefined;
});

describe('conversation words as data (rules/vocabulary/conversation.yaml, issue 15 item 6)', () => {
  it('the running conversation takes its trigger, confirm and offer words from the file', () => {
    expect(parse(SHIPPED)).toEqual(CONVERSATION_VOCABULARY);
    expect(findTrigger('有偿服务 搬家')).toEqual({ word: '有偿服务', category: 'paid_service', rest: '搬家' });
    expect(findTrigger('求助:电梯不动')).toMatchObject({ word: '求助', category: 'repair', rest: '电梯不动' });
    expect(CONFIRM.test('没问题!')).toBe(true);
    expect(CONFIRM.test('行')).toBe(false);
    expect(ACCEPT_OFFER.test('行~')).toBe(true);
  });

  it('a confirmation with the words people add to it is still one (field trial: 好的谢谢 got 请回复「确认」)', () => {
    for (const yes of ['确认 谢谢', '好的谢谢', '对的,就是这样', 'ok的', 'OK', '嗯嗯', '可以的', '对,确认', '确认!辛苦了']) expect(CONFIRM.test(yes), yes).toBe(true);
    for (const no of ['不对', '好的,但是时间改一下', '谢谢', '的', '确认 5栋502', '可以不', '对吗']) expect(CONFIRM.test(no), no).toBe(false);
    expect(ACCEPT_OFFER.test('好的 麻烦了')).toBe(true);
    expect(ACCEPT_OFFER.test('好的 我自己弄')).toBe(false);
  });

  it('a word a company adds is understood', () => {
    const v = parse(SHIPPED.replace("confirm: [确认,", "confirm: [中, 确认,").replace('words: [投诉,', 'words: [投诉, 反映,'));
    expect(answerOf(v.confirm, v.answer_fillers).test('中。')).toBe(true);
    expect(CONFIRM.test('中。')).toBe(false);
    expect(triggerTable(v).find((t) => t.words.includes('反映'))?.category).toBe('valid');
  });

  it('names the file and the field of a mistake', () => {
    expect(problem(SHIPPED.replace('words: [投诉,', 'words: [投 诉,'))).toBe(`${FILE}: triggers[1].words[0]: one word, without spaces`);
    expect(problem(SHIPPED.replace('category: valid', 'category: complaint'))).toMatch(new RegExp(`^${FILE}: triggers\\[1\\]\\.category: `));
    expect(problem(SHIPPED.replace(/^confirm: .*$/m, 'confirm: []'))).toBe(`${FILE}: confirm: at least one word`);
    expect(problem(`${SHIPPED}\nconfirms: [好]\n`)).toMatch(new RegExp(`^${FILE}: \\(top level\\): .*confirms`));
    expect(problem('confirm: [')).toMatch(/^rules\/vocabulary\/conversation\.yaml: invalid YAML/);
  });

  it('huiyin check validates the file the bot reads', async () => {
    tr = await Transcript.open();
    let out = '';
    const stdout = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
    expect(await runCheck(tr.config, 'sample.yaml', [], { stdout, cwd: tr.dataDir })).toBe(0);
    expect(out).toContain(`ok: conversation words ${CONVERSATION_WORDS_PATH}: 25 trigger, 25 confirm, 42 offer-accepting, 96 rating and 224 ticket-talk words`);
  });
});
