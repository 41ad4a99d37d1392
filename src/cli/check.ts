/**
 * `huiyin check [--config FILE] [--eval [PATH ...]]`: validate the config, the classifier rules and the command words
 * (rules/vocabulary/commands.yaml; exit 1 with the problem), show what is untidy but usable (a word listed twice in the
 * manager's word lists), and with `--eval` run
 * the labelled sets (default: every `*.jsonl` under ./eval) so a change to the rules or word lists shows its effect
 * before it is used. Only summary figures are printed, never a set's lines: held-out sets stay unread.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ResolvedConfig as Config } from '../config/load.ts';

export interface CheckIo {
  stdout: NodeJS.WritableStream;
  cwd: string;
}

export async function runCheck(config: Config, file: string, args: string[], io: CheckIo): Promise<number> {
  const { loadRules } = await import('../classifier/load-rules.ts');
  const rules = await loadRules(config.rulesDir);
  io.stdout.write(
    `ok: ${file}: ${config.estates.length} estate(s), ${config.chats.length} chat(s), ${config.staff.length} staff; rules in ${config.rulesDir}` +
      `${rules.lists.length ? ` (${rules.lists.length} word lists)` : ''}${rules.lexical ? ', learned layer loaded' : ''}\n`,
  );
  if (config.dutyRoster) {
    const { readDutyRoster } = await import('../config/duty-roster-file.ts');
    io.stdout.write(`ok: duty roster ${config.dutyRoster}: ${(await readDutyRoster(config.dutyRoster, config, file)).shifts.length} shift(s)\n`);
  }
  // The words people type to command the bot (rules/vocabulary/commands.yaml): read when the commands load.
  try {
    const { COMMAND_WORDS_PATH, readCommandVocabulary } = await import('../commands/vocabulary.ts');
    const v = readCommandVocabulary(COMMAND_WORDS_PATH);
    const count = (lists: Record<string, string[]>) => Object.values(lists).flat().length;
    io.stdout.write(`ok: command words ${COMMAND_WORDS_PATH}: ${count(v.owner)} owner, ${count(v.staff)} staff, ${count(v.units)} unit and ${count(v.categories)} category words\n`);
    // The words owners type in a conversation (rules/vocabulary/conversation.yaml): triggers, confirmations, offer answers.
    const { CONVERSATION_WORDS_PATH, readConversationVocabulary } = await import('../conversation/vocabulary.ts');
    const c = readConversationVocabulary(CONVERSATION_WORDS_PATH);
    io.stdout.write(
      `ok: conversation words ${CONVERSATION_WORDS_PATH}: ${c.triggers.flatMap((x) => x.words).length} trigger, ${c.confirm.length} confirm, ${c.accept_offer.length} offer-accepting, ${wordsIn(c.rating_words)} rating and ${wordsIn(c.ticket_talk)} ticket-talk words\n`,
    );
  } catch (error) {
    if ((error as Error).name !== 'VocabularyError') throw error;
    io.stdout.write(`problem: ${(error as Error).message}\n`);
    return 1;
  }
  // The emergency words and who responds to each kind (rules/conversation/urgent.yaml), read at start as well.
  try {
    const [{ loadUrgentRules }, { BUILTIN_RULES }, { UNIT_NAME_ZH }] = await Promise.all([
      import('../conversation/urgent.ts'),
      import('../config/load.ts'),
      import('../domain/category.ts'),
    ]);
    const { file: urgentFile, kinds, sameEvent } = await loadUrgentRules(config.rulesDir, BUILTIN_RULES);
    const who = kinds.map((k) => `${k.name}→${[k.unit, ...k.also].map((u) => UNIT_NAME_ZH[u]).join('+')}`).join(', ');
    // The window a company sets for "one event, one ticket" (same_event.minutes) is worth seeing before a night shift.
    io.stdout.write(`ok: emergency words ${urgentFile}: ${kinds.length} kinds (${who}); a later report joins an open one of its kind for ${sameEvent.minutes} minutes\n`);
  } catch (error) {
    if ((error as Error).name !== 'UrgentRulesError') throw error;
    io.stdout.write(`problem: ${(error as Error).message}\n`);
    return 1;
  }
  for (const w of rules.warnings) io.stdout.write(`warning: ${w}\n`);
  const at = args.indexOf('--eval');
  if (at < 0) return 0;

  const paths: string[] = [];
  for (let i = at + 1; i < args.length && !(args[i] as string).startsWith('--'); i++) paths.push(args[i] as string);
  if (paths.length === 0) paths.push('eval');
  let files: string[];
  try {
    files = (await Promise.all(paths.map((p) => jsonlFiles(join(io.cwd, p))))).flat();
  } catch (err) {
    io.stdout.write(`problem: ${(err as Error).message}\n`);
    return 1;
  }
  if (files.length === 0) {
    io.stdout.write(`problem: no labelled sets (*.jsonl) in ${paths.join(', ')}\n`);
    return 1;
  }
  const { createClassifier } = await import('../classifier/index.ts');
  const { evaluate, parseLabelled, summaryLine } = await import('../classifier/evaluate.ts');
  const classifier = await createClassifier(config.rulesDir);
  let failed = false;
  for (const f of files) {
    const name = relative(io.cwd, f) || f;
    try {
      const e = evaluate(parseLabelled(name, await readFile(f, 'utf8')), (text) => classifier.classify(text));
      io.stdout.write(`eval ${name} (${e.lines} lines): ${summaryLine(e)}\n`);
    } catch (err) {
      failed = true;
      io.stdout.write(`problem: ${(err as Error).message}\n`);
    }
  }
  return failed ? 1 : 0;
}

/** A file itself, or every `*.jsonl` under a directory (sorted, depth first). */
async function jsonlFiles(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new Error(`${path}: no such file or directory`);
  }
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await jsonlFiles(full)));
    else if (entry.name.endsWith('.jsonl')) out.push(full);
  }
  return out;
}

/** The words of a group of word lists (its numeric settings, such as max_length, are not words). */
function wordsIn(lists: Record<string, unknown>): number {
  return Object.values(lists).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 0), 0);
}
