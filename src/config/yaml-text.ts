/**
 * YAML text to plain data for config and rules files, with the same limits for both. An "alias bomb" (anchors that
 * refer to anchors, nine times over, expanding to billions of nodes) is refused by the yaml package's alias count;
 * its error names neither the file nor the problem in words a manager reads, so it is translated here.
 */
import { parseDocument } from 'yaml';

/** Alias expansions allowed in one file; real config and rules files use none or a handful. */
export const MAX_ALIAS_COUNT = 100;

/** The first problem of a YAML text; the caller adds the file name. `aliasBomb` messages are whole sentences. */
export class YamlTextError extends Error {
  override readonly name = 'YamlTextError';
  constructor(
    message: string,
    readonly aliasBomb = false,
  ) {
    super(message);
  }
}

/** Parses one YAML document to plain data; throws YamlTextError for a syntax error or an alias bomb. */
export function parseYamlText(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) throw new YamlTextError(first.message);
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new YamlTextError(
        `refused: its aliases (*name) would expand past ${MAX_ALIAS_COUNT} copies, an "alias bomb" that could exhaust memory; write the values out instead of nesting aliases`,
        true,
      );
    }
    throw new YamlTextError((error as Error).message);
  }
}
