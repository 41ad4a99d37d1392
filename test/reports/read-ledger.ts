/** Reading ledger exports back in tests: CSV (RFC 4180) and the first sheet of an xlsx file. */
import { strFromU8, unzipSync } from 'fflate';

/** The cells of the first sheet of an xlsx file, row by row (shared or inline strings). */
export function readXlsx(content: Buffer): string[][] {
  const files = unzipSync(new Uint8Array(content));
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const shared = files['xl/sharedStrings.xml']
    ? [...strFromU8(files['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => decode([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')))
    : [];
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
  const column = (ref: string) => [...(/^[A-Z]+/.exec(ref)?.[0] ?? 'A')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return [...sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((row) => {
    const cells: string[] = [];
    for (const c of row[1]!.matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const inner = c[2] ?? '';
      const at = column(/r="([A-Z]+)\d+"/.exec(attrs)?.[1] ?? 'A');
      let value = '';
      if (/t="s"/.test(attrs)) value = shared[Number(/<v>(\d+)<\/v>/.exec(inner)?.[1])] ?? '';
      else {
        const t = /<t[^>]*>([\s\S]*?)<\/t>/.exec(inner) ?? /<v>([\s\S]*?)<\/v>/.exec(inner);
        value = t ? decode(t[1]!) : '';
      }
      while (cells.length < at) cells.push('');
      cells[at] = value;
    }
    return cells;
  });
}

/** A minimal RFC 4180 reader for the test. */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), (i += 1);
    } else field += ch;
  }
  return rows;
}

