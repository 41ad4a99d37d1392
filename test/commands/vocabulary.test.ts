import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check.ts';
import { parseCommand } from '../../src/commands/parse.ts';
import { STAFF_WORDS } from '../../src/commands/staff/registry.ts';
import { CATEGORY_WORDS } from '../../src/commands/staff/words.ts';
import { COMMAND_WORDS_PATH, parseCommandVocabulary, VocabularyError, wordMap } from '../../src/commands/vocabulary.ts';
import { Transcript } from '../helpers/transcript.ts';

const SHIPPED = readFileSync(COMMAND_WORDS_PATH, 'utf8');
const FILE = 'rules/vocabulary/commands.yaml';

function problem(text: string): string {
  try {
    parseCommandVocabulary(FILE, text);
  } catch (error) {
    expect(error).toBeInstanceOf(VocabularyError);
    return (error as Error).message;
  }
  throw new Error('expected a VocabularyError');
}

describe('command words as data (rules/vocabulary/commands.yaml)', () => {
  it('the running commands take their words from the file', () => {
    const v = parseCommandVocabulary(FILE, SHIPPED);
    expect(STAFF_WORDS).toEqual(wordMap(v.staff));
    expect(CATEGORY_WORDS).toEqual(wordMap(v.categories));
  });

  it('a word a company adds is a command word', () => {
    const v = parseCommandVocabulary(FILE, SHIPPED.replace('done: [完成, 完工, done]', 'done: [完成, 完工, 修好, done]'));
    expect(parseCommand('修好 R0001 换了阀门', wordMap(v.staff))).toEqual({ name: 'done', args: 'R0001 换了阀门' });
    expect(parseCommand('修好 R0001 换了阀门', STAFF_WORDS)).toBeUndefined();
  });

  it('names the file and the field of a mistake', () => {
    expect(problem(SHIPPED.replace('done: [完成, 完工, done]', 'done: [完成, 完工了吗好的, done]'))).toBe(
      `${FILE}: staff.done[1]: a command word is 1–4 Chinese characters or lower-case Latin letters`,
    );
    expect(problem(SHIPPED.replace('todo: [待办, 我的单, 我的工单, todo]', 'todo: [待办, 完成]'))).toBe(`${FILE}: staff.todo[1]: "完成" already means done`);
    expect(problem(SHIPPED.replace('  web: [后台, 台账, 导出, 导出台账, 报表, web]\n', ''))).toMatch(new RegExp(`^${FILE}: staff\\.web: `));
    expect(problem(SHIPPED.replace('  web: [后台, 台账, 导出, 导出台账, 报表, web]\n', '  web: [后台, 台账, 导出, 导出台账, 报表, web]\n  webb: [网页]\n'))).toMatch(/^rules\/vocabulary\/commands\.yaml: staff: .*webb/);
    expect(problem(SHIPPED.replace('consult: [咨询, consult]', 'consult: [咨询, Consult]'))).toBe(`${FILE}: categories.consult[1]: Latin words in lower case`);
    expect(problem('owner: [')).toMatch(/^rules\/vocabulary\/commands\.yaml: invalid YAML/);
  });

  it('huiyin check validates the file the bot reads', async () => {
    const tr = await Transcript.open();
    try {
      let out = '';
      const stdout = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
      expect(await runCheck(tr.config, 'sample.yaml', [], { stdout, cwd: tr.dataDir })).toBe(0);
      expect(out).toContain(`ok: command words ${COMMAND_WORDS_PATH}: 23 owner, 66 staff, 20 unit and 25 category words`);
      // Who responds to each kind of emergency, as the bot will read it (rules/conversation/urgent.yaml).
      expect(out).toMatch(/ok: emergency words .*urgent\.yaml: 7 kinds \(电梯困人→工程班\+秩序部, 燃气泄漏→工程班\+秩序部, .*火情\/冒烟→秩序部\+工程班, .*治安事件→秩序部\); a later report joins an open one of its kind for 30 minutes/);
    } finally {
      await tr.close();
    }
  });
});
