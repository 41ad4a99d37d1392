/**
 * Issue 17, item 6: a config or rules file with an alias bomb fails naming the file and the problem, quickly, instead
 * of a stack trace (or an out-of-memory) that names no file.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRules, RulesError } from '../../src/classifier/load-rules.ts';
import { ConfigError, loadConfig } from '../../src/config/load.ts';

/** The "billion laughs" shape: nine levels of nine aliases each, 9^9 strings once expanded. */
const BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat('bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`))
  .join('\n');

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function dir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'huiyin-bomb-'));
  dirs.push(d);
  return d;
}

describe('YAML alias bombs', () => {
  it('a config file with one is refused, naming the file and the problem', async () => {
    const file = join(await dir(), 'huiyin.yaml');
    const sample = await readFile(join(import.meta.dirname, '../../config/sample.yaml'), 'utf8');
    await writeFile(file, `${sample}\n${BOMB.replace(/^a:/, 'x-a:').replace(/\n(\w):/g, '\nx-$1:')}\n`);
    const started = performance.now();
    const error = await loadConfig({ flag: file, env: {}, fallback: file }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).file).toBe(file);
    expect((error as Error).message).toContain(`${file}: refused: its aliases (*name) would expand past 100 copies`);
    expect((error as Error).message).toContain('alias bomb');
  });

  it('a rules file with one is refused, naming the file and the problem', async () => {
    const d = await dir();
    await writeFile(join(d, 'bomb.yaml'), `${BOMB}\nrules: []\n`);
    const error = await loadRules(d).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RulesError);
    expect((error as RulesError).file).toBe(join(d, 'bomb.yaml'));
    expect((error as Error).message).toMatch(new RegExp(`^${join(d, 'bomb.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: refused: .*alias bomb`));
  });

  it('a few aliases, as a person would write, are still fine', async () => {
    const d = await dir();
    await writeFile(
      join(d, 'repair.yaml'),
      'groups:\n  leak: &leak [漏水, 渗水]\n  leak2: *leak\nrules:\n  - { id: repair.leak, label: repair, clause: 4.2.1.1, weight: 3, any: ["@leak2"] }\n',
    );
    await expect(loadRules(d)).resolves.toBeDefined();
  });
});
