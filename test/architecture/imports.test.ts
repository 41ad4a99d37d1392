import { readdir } from 'node:fs/promises';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkImports } from './import-rules.ts';

const ROOT = join(import.meta.dirname, '../..');

async function tsFiles(dir: string, base = dir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? tsFiles(join(dir, e.name), base) : Promise.resolve(/\.tsx?$/.test(e.name) ? [join(dir, e.name).slice(base.length + 1)] : []))),
  );
  return nested.flat();
}

describe('the core’s imports (issue 15: src/ is platform-neutral and free of cycles)', () => {
  it('src/ has no cycle between files or folders, and imports no adapter, no app/web code and no platform SDK', async () => {
    const { cruised, violations } = await checkImports(ROOT);
    // Every file of src/ was read: a check that read nothing would pass for the wrong reason.
    const files = (await tsFiles(join(ROOT, 'src'))).map((f) => `src/${f}`);
    expect(cruised.length).toBeGreaterThan(0);
    expect(files.filter((f) => !cruised.includes(f))).toEqual([]);
    expect(violations).toEqual([]);
  }, 120_000);

  describe('the rules catch what they forbid', () => {
    let dir: string;
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('a file cycle (type-only too), a folder cycle, an adapter import and a platform SDK import', async () => {
      dir = await mkdtemp(join(tmpdir(), 'huiyin-imports-'));
      const files: Record<string, string> = {
        // core ⇄ commands through two files: a file cycle and a folder cycle.
        'src/core/bot.ts': "import { parse } from '../commands/parse.ts';\nexport const route = (t: string) => parse(t);\n",
        'src/commands/parse.ts': "import type { route } from '../core/bot.ts';\nexport type Route = typeof route;\nexport const parse = (t: string) => t.trim();\n",
        // Folders only: a → b through one pair of files, b → a through another pair; no file cycle.
        'src/jobs/run.ts': "import { line } from '../reports/line.ts';\nexport const run = () => line();\n",
        'src/reports/line.ts': 'export const line = () => "x";\n',
        'src/reports/digest.ts': "import { clock } from '../jobs/clock.ts';\nexport const digest = () => clock;\n",
        'src/jobs/clock.ts': 'export const clock = 1;\n',
        'src/cli/start.ts': "import { telegram } from '../../adapters/telegram/index.ts';\nexport const start = () => telegram;\n",
        'adapters/telegram/index.ts': 'export const telegram = 1;\n',
        'src/inbound/sdk.ts': "import { Telegraf } from 'telegraf';\nexport const sdk = Telegraf;\n",
      };
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), text);
      }
      const { violations } = await checkImports(dir);
      const rules = (name: string) => violations.filter((v) => v.startsWith(`${name}:`));
      // One cycle, reported once with its path; the folder-only loop is no file cycle.
      expect(rules('no-file-cycle')).toEqual([expect.stringMatching(/src\/commands\/parse\.ts -> src\/core\/bot\.ts \(cycle src\/core\/bot\.ts > src\/commands\/parse\.ts\)/)]);
      const folders = rules('no-folder-cycle').join('\n');
      expect(folders).toContain('src/core -> src/commands');
      expect(folders).toContain('src/jobs -> src/reports');
      expect(rules('core-imports-no-outer-layer')).toEqual([expect.stringContaining('src/cli/start.ts -> adapters/telegram/index.ts')]);
      expect(rules('core-imports-no-platform-sdk')).toEqual([expect.stringContaining('src/inbound/sdk.ts -> telegraf')]);
    }, 120_000);
  });
});
