/**
 * Rolling backups: before a data file is first overwritten in a run, it is copied to `backups/<run start>/`, with
 * its path inside the data directory kept. Only the last `keep` run directories are kept. A backup holds the file as
 * it was when this run first changed it, which is what to restore when a later write left something unreadable.
 */
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

const RUN_DIR = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;

export class Backups {
  readonly root: string;
  readonly runDir: string;
  private readonly saved = new Set<string>();
  private pruned = false;

  constructor(
    private readonly dataDir: string,
    private readonly keep: number,
    private readonly log: (msg: string) => void,
    startedAt = new Date(),
  ) {
    this.root = join(dataDir, 'backups');
    this.runDir = join(this.root, startedAt.toISOString().replace(/[:.]/g, '-'));
  }

  /** Copies `file` into this run's backup directory, once per run; nothing to do for a file not yet created. */
  async beforeOverwrite(file: string): Promise<void> {
    if (this.keep < 1 || this.saved.has(file)) return;
    const exists = await stat(file).then(
      () => true,
      () => false,
    );
    if (exists) {
      const target = join(this.runDir, relative(this.dataDir, file));
      await mkdir(dirname(target), { recursive: true });
      await copyFile(file, target);
      if (!this.pruned) {
        this.pruned = true;
        await this.prune();
      }
    }
    this.saved.add(file);
  }

  /** The newest backup copy of `file`, to name in an error message. */
  async latestCopyOf(file: string): Promise<string | undefined> {
    const rel = relative(this.dataDir, file);
    for (const run of (await this.runs()).reverse()) {
      const copy = join(this.root, run, rel);
      if (await stat(copy).then(() => true, () => false)) return copy;
    }
    return undefined;
  }

  private async runs(): Promise<string[]> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    return names.filter((n) => RUN_DIR.test(n)).sort();
  }

  private async prune(): Promise<void> {
    const runs = await this.runs();
    for (const old of runs.slice(0, Math.max(0, runs.length - this.keep))) {
      await rm(join(this.root, old), { recursive: true, force: true });
      this.log(`store: removed old backup ${join(this.root, old)} (keeping the last ${this.keep})`);
    }
  }
}
