import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { BUILTIN_RULES } from '../config/load.ts';

/**
 * The words owners type during an intake that are not about the problem itself: what makes a time an appointment
 * (issue 16 §2) and how a read-back is corrected (§3). A company's data, in `<rulesDir>/conversation/intake.yaml`,
 * validated here with the file and the field named on any mistake.
 */
const Words = z.array(z.string().trim().min(1, 'an empty word would match every message')).min(1, 'at least one word');

export const IntakeWordsSchema = z
  .object({
    appointment: z.object({ propose: Words, story: Words, filler: Words }).strict(),
    correction: z
      .object({
        fields: z.object({ location: Words, time: Words, phone: Words, description: Words }).strict(),
        change: Words,
        none: Words,
        /** Opening and possessive words before a field word ("对了 我电话是…"); a company file without them has none. */
        lead: Words.optional(),
      })
      .strict(),
    /** Which flat on a floor (flat-on-floor.ts); a company file written before these words has the shipped ones. */
    /** in_building: a place every building has (电梯, 大堂), so the building is asked when none is said. */
    place: z.object({ indoor: Words, common: Words, in_building: Words.optional() }).strict().optional(),
    /** Words that only say a matter is coming ("我有个事情想问问"); a company file written before them has the shipped ones. */
    announce: Words.optional(),
    /** "我家" before a room or fitting ("我家厨房…"): left out of the description; shipped ones for an older file. */
    own_home: Words.optional(),
    /** What of a home 我家 may stand before besides `place.indoor` ("我家灯不亮了"); shipped ones for an older file. */
    own_home_things: Words.optional(),
    /** A price asked at a paid service's read-back ("多少钱"): the office quotes it (4.2.2); shipped ones for an older file. */
    price_asked: Words.optional(),
  })
  .strict();
export type IntakeWords = z.infer<typeof IntakeWordsSchema>;
export type CorrectionField = keyof IntakeWords['correction']['fields'];

export const INTAKE_WORDS_FILE = join('conversation', 'intake.yaml');

export class IntakeWordsError extends Error {
  override readonly name = 'IntakeWordsError';
}

export function parseIntakeWords(file: string, text: string): IntakeWords {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new IntakeWordsError(`${file}: invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const result = IntakeWordsSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new IntakeWordsError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return result.data;
}

function fileIn(rulesDir: string, builtinDir: string): string {
  const own = join(rulesDir, INTAKE_WORDS_FILE);
  return existsSync(own) ? own : join(builtinDir, INTAKE_WORDS_FILE);
}

/** Reads `<rulesDir>/conversation/intake.yaml`, or the shipped file when the company has none of its own. */
export async function loadIntakeWords(rulesDir: string, builtinDir: string = BUILTIN_RULES): Promise<IntakeWords> {
  const file = fileIn(rulesDir, builtinDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new IntakeWordsError(`${file}: cannot be read: ${(error as Error).message}`);
  }
  return parseIntakeWords(file, text);
}

let shipped: IntakeWords | undefined;

/** The shipped words, for a Bot built without them (benchmarks, fixtures); read once. */
export function shippedIntakeWords(): IntakeWords {
  const file = join(BUILTIN_RULES, INTAKE_WORDS_FILE);
  shipped ??= parseIntakeWords(file, readFileSync(file, 'utf8'));
  return shipped;
}
