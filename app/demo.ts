import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ConsoleAdapter } from '../adapters/console/console-adapter.ts';
import { MINUTE, ManualClock } from '../src/clock.ts';
import { parseConfig } from '../src/config/load.ts';
import { databaseUrl } from '../src/store/open-store.ts';
import { describeUrl, dropSchema } from '../src/store/pg/pg-store.ts';
import { connect, openRuntime } from './compose.ts';
import { DEMO_SCRIPT } from './demo-scenario.ts';
import { PLATFORM_IDS, PLATFORMS } from './platforms.ts';
import { PROJECT_ROOT } from '../src/paths.ts';

const ROOT = PROJECT_ROOT;

/**
 * `huiyin demo`: the scripted scenario on the sample estate, a temporary data directory and a clock that starts at
 * 09:00 Beijing time on a fixed day, printed as a transcript. Nothing outside the temporary directory is touched.
 */
export async function runDemo(options: {
  output: NodeJS.WritableStream;
  rulesDir?: string | undefined;
  script?: readonly string[];
  /** Keep the data in this new directory instead of a temporary one, to look at the files afterwards. */
  keepDir?: string | undefined;
}): Promise<number> {
  if (options.keepDir && existsSync(options.keepDir)) {
    options.output.write(`huiyin demo: ${options.keepDir} already exists; give a new directory to keep the demo data in\n`);
    return 1;
  }
  const dataDir = options.keepDir ?? (await mkdtemp(join(tmpdir(), 'huiyin-demo-')));
  try {
    const sample = join(ROOT, 'config/sample.yaml');
    const base = parseConfig(await readFile(sample, 'utf8'), sample, ROOT, PLATFORM_IDS);
    const config = { ...base, dataDir, rulesDir: options.rulesDir ?? base.rulesDir };
    const clock = new ManualClock('2026-11-27T09:00:00+08:00');
    const log = (line: string) => options.output.write(`  (log) ${line}\n`);
    // With a database, the demo's tables go in a schema of their own, removed at the end like the directory.
    const url = databaseUrl(config);
    const schema = url ? `huiyin_demo_${process.pid}_${Date.now().toString(36)}` : undefined;
    if (url) options.output.write(`(demo data in PostgreSQL ${describeUrl(url)}, schema ${schema})\n`);
    const runtime = await openRuntime(config, clock, log, schema === undefined ? {} : { schema });
    const adapter = new ConsoleAdapter({ config, clock, input: Readable.from([]), output: options.output, mode: 'script' });
    await connect(runtime.bot, [adapter], log);
    for (const line of options.script ?? DEMO_SCRIPT) {
      const wait = /^\/wait\s+(\d+)\s*m$/.exec(line.trim());
      if (wait) {
        clock.advance(Number(wait[1]) * MINUTE);
        continue;
      }
      await adapter.processLine(line);
    }
    // The day ends with the managers' digest and the month's timely rate (policy 5.5).
    const { digestText } = await import('../src/reports/digest.ts');
    const { monthlyText } = await import('../src/reports/monthly.ts');
    const { monthOf } = await import('../src/zoned-time.ts');
    clock.set('2026-11-28T08:00:00+08:00');
    options.output.write(`\n# 11. 第二天早上:管理层的每日简报与本月及时率(制度5.5)\n`);
    options.output.write(`${await digestText({ store: runtime.store, config, clock, platforms: PLATFORMS })}\n\n`);
    options.output.write(`${await monthlyText({ store: runtime.store, config, clock }, monthOf(clock.now(), config.timezone))}\n`);
    await runtime.close();
    if (url && schema && !options.keepDir) await dropSchema(url, schema);
    const where = schema ? `${dataDir} and schema ${schema}` : dataDir;
    options.output.write(options.keepDir ? `\n(demo data kept in ${where})\n` : `\n(demo data was in ${where}, now removed)\n`);
    return 0;
  } finally {
    if (!options.keepDir) await rm(dataDir, { recursive: true, force: true });
  }
}
