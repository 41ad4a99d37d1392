import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript beside the bin script, no types
import { freshBuild, STAMP } from '../../bin/build-state.js';

const ROOT = join(import.meta.dirname, '../..');
const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

const when = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
function touch(path: string, seconds: number, text = ''): void {
  writeFileSync(path, text);
  utimesSync(path, when(seconds), when(seconds));
}

/** A checkout in miniature: one source per compiled folder, built at second 100. */
function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'huiyin-build-state-'));
  scratch.push(root);
  for (const dir of ['app', 'src/core', 'adapters', 'web', 'build/app']) mkdirSync(join(root, dir), { recursive: true });
  for (const file of ['app/main.ts', 'src/core/bot.ts', 'adapters/x.ts', 'web/y.tsx', 'tsconfig.json']) touch(join(root, file), 50);
  for (const dir of ['app', 'src', 'src/core', 'adapters', 'web']) utimesSync(join(root, dir), when(50), when(50));
  touch(join(root, 'build/app/main.js'), 100);
  touch(join(root, 'build', STAMP), 100);
  return root;
}

describe('bin/huiyin.js runs build/ only when it is newer than every source', () => {
  it('a build newer than the sources is run', () => {
    const root = tree();
    expect(freshBuild(root)).toBe(join(root, 'build/app/main.js'));
  });

  it('an edited source, tsconfig, a deleted file or a missing stamp sends it back to the sources', () => {
    const edited = tree();
    touch(join(edited, 'src/core/bot.ts'), 101);
    expect(freshBuild(edited)).toBeUndefined();

    const config = tree();
    touch(join(config, 'tsconfig.json'), 101);
    expect(freshBuild(config)).toBeUndefined();

    const deleted = tree();
    unlinkSync(join(deleted, 'adapters/x.ts')); // the folder's mtime is now, after the build
    expect(freshBuild(deleted)).toBeUndefined();

    const unstamped = tree();
    unlinkSync(join(unstamped, 'build', STAMP)); // a build that failed or is under way
    expect(freshBuild(unstamped)).toBeUndefined();

    const none = tree();
    rmSync(join(none, 'build'), { recursive: true });
    expect(freshBuild(none)).toBeUndefined();
  });
});

describe('the compiled JavaScript', () => {
  it('compiles, imports no .ts, and runs the console chat with the rules found from build/', () => {
    // Inside the checkout (.tmp/ is ignored), as build/ is: the compiled code finds node_modules and the project root
    // by walking up.
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    const out = mkdtempSync(join(ROOT, '.tmp/build-test-'));
    scratch.push(out);
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--out', out], { encoding: 'utf8', timeout: 170_000 });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);

    const tsImports = jsFiles(out).filter((f) => /(from |import\()["']\.{1,2}\/[^"']*\.tsx?["']/.test(readFileSync(f, 'utf8')));
    expect(tsImports).toEqual([]);

    const cwd = mkdtempSync(join(tmpdir(), 'huiyin-build-run-'));
    scratch.push(cwd);
    const entry = pathToFileURL(join(out, 'app/main.js')).href;
    const env: NodeJS.ProcessEnv = { ...process.env, HUIYIN_DATA: join(cwd, 'data'), HUIYIN_WEB_PORT: '0' };
    for (const name of ['TELEGRAM_BOT_TOKEN', 'WECHATY_PUPPET', 'HUIYIN_CONFIG', 'DATABASE_URL', 'HUIYIN_DATABASE_URL']) delete env[name];
    // No tsx loader anywhere: plain node runs the compiled entry point.
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(['start']);`], {
      cwd,
      env,
      input: '报修 5栋502 厨房漏水 明天上午\n确认\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('已登记,编号 R0001');
    expect(run.stdout).toContain('[工程班] 回音: 【新报修】R0001');
  }, 240_000); // tsc over ~180 files: seconds alone, a minute or more on a loaded 2-core machine
});

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath, e.name));
}
