import { createInterface } from 'node:readline';
import { createClassifier } from './index.ts';
import type { Classification } from './types.ts';

export interface ClassifyCommandOptions {
  rulesDir: string;
  explain: boolean;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/**
 * `huiyin classify`: one message per input line (plain text, or JSON with `text` and optional `id`), one JSON line
 * out per message: {"id","label","clause","unit","confidence","major","evidence"}. With `explain`, a readable account
 * instead. A line that starts with `{` but is not valid JSON (or has no string `text`) yields an error line; blank
 * lines are skipped. Returns the exit code: 0, or 1 if any line was an error, 2 if the rules are broken.
 */
export async function runClassifyCommand(opts: ClassifyCommandOptions): Promise<number> {
  let classifier;
  try {
    classifier = await createClassifier(opts.rulesDir);
  } catch (err) {
    opts.output.write(`${JSON.stringify({ error: (err as Error).message })}\n`);
    return 2;
  }
  const lines = createInterface({ input: opts.input, crlfDelay: Infinity });
  let lineNo = 0;
  let failed = false;
  for await (const raw of lines) {
    lineNo++;
    const line = raw.trim();
    if (!line) continue;
    const parsed = parseLine(line, lineNo);
    if ('error' in parsed) {
      failed = true;
      opts.output.write(`${JSON.stringify(parsed)}\n`);
      continue;
    }
    const c = classifier.classify(parsed.text, opts.explain);
    if (opts.explain) {
      opts.output.write(`# ${parsed.id}: ${parsed.text}\n${classifier.explain(c)}\n\n`);
    } else {
      opts.output.write(`${JSON.stringify(toOutput(parsed.id, c))}\n`);
    }
  }
  return failed ? 1 : 0;
}

function parseLine(line: string, lineNo: number): { id: string; text: string } | { id: string; line: number; error: string } {
  const fallbackId = String(lineNo);
  if (!line.startsWith('{')) return { id: fallbackId, text: line };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { id: fallbackId, line: lineNo, error: `invalid JSON: ${(err as Error).message}` };
  }
  const obj = value as Record<string, unknown>;
  const id = typeof obj.id === 'string' || typeof obj.id === 'number' ? String(obj.id) : fallbackId;
  if (typeof obj.text !== 'string') return { id, line: lineNo, error: 'JSON line has no string "text"' };
  return { id, text: obj.text };
}

function toOutput(id: string, c: Classification) {
  return {
    id,
    label: c.label,
    clause: c.clause,
    unit: c.unit,
    ...(c.party ? { party: c.party } : {}),
    confidence: c.confidence,
    major: c.major,
    ...(c.major ? { majorReasons: c.majorReasons } : {}),
    evidence: c.evidence,
    // The time budget (issue 17) stopped the patterns early: under heavy load a result may then differ between runs.
    ...(c.limited ? { limited: true } : {}),
  };
}
