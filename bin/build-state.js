// Whether build/ (the JavaScript that `npm install` compiles, scripts/build.mjs) is there and newer than every
// source it was compiled from. Shared by bin/huiyin.js, which runs the sources through tsx instead when it is not,
// and by the build, which writes the stamp.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What `huiyin` runs: the folders tsconfig.build.json compiles, and the configs that decide the output. */
export const SOURCE_DIRS = ['app', 'src', 'adapters', 'web'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json'];
/** Written last by the build, its mtime set to when the build began (an edit during the build counts as newer). */
export const STAMP = '.built';

/**
 * The compiled entry point (build/app/main.js) when it can be run, else undefined: no build, no stamp (a build that
 * failed or is still under way), or a source file or folder changed after the build began. Folders count too, so a
 * deleted or renamed file makes the build stale. About 200 stats, a few milliseconds.
 */
export function freshBuild(root = ROOT, buildDir = join(root, 'build')) {
  const main = join(buildDir, 'app/main.js');
  const stamp = join(buildDir, STAMP);
  if (!existsSync(main) || !existsSync(stamp)) return undefined;
  const built = statSync(stamp).mtimeMs;
  for (const file of SOURCE_FILES) {
    const at = join(root, file);
    if (existsSync(at) && statSync(at).mtimeMs > built) return undefined;
  }
  for (const dir of SOURCE_DIRS) {
    if (newerUnder(join(root, dir), built)) return undefined;
  }
  return main;
}

function newerUnder(dir, than) {
  if (!existsSync(dir)) return false;
  if (statSync(dir).mtimeMs > than) return true;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const at = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (newerUnder(at, than)) return true;
    } else if (statSync(at).mtimeMs > than) {
      return true;
    }
  }
  return false;
}
