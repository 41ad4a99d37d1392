import { cruise, type IForbiddenRuleType, type IViolation } from 'dependency-cruiser';
import { PLATFORMS } from '../../app/platforms.ts';

/** Platform SDKs the core must never import (ARCHITECTURE.md: `src/` is platform-neutral): what the registry declares. */
export const PLATFORM_SDKS: readonly string[] = PLATFORMS.flatMap((p) => p.sdkPackages ?? []);

const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The import rules of the core, checked by dependency-cruiser (type-only imports count: they tie files together too). */
export const IMPORT_RULES: IForbiddenRuleType[] = [
  { name: 'no-file-cycle', severity: 'error', from: { path: '^src/' }, to: { circular: true } },
  { name: 'no-folder-cycle', severity: 'error', scope: 'folder', from: { path: '^src/' }, to: { circular: true } },
  { name: 'core-imports-no-outer-layer', severity: 'error', from: { path: '^src/' }, to: { path: '^(adapters|app|web|bin|scripts|bench|test)/' } },
  {
    name: 'core-imports-no-platform-sdk',
    severity: 'error',
    from: { path: '^src/' },
    // Resolved, the SDK is a node_modules path; unresolved (not installed), it is the bare module name.
    to: { path: `(^|node_modules/)(${PLATFORM_SDKS.map(escape).join('|')})(/|$)` },
  },
];

export interface ImportCheck {
  /** Every module dependency-cruiser read under `src/` (so a check that read nothing cannot pass). */
  cruised: string[];
  /** One line per broken rule: "rule: from -> to (cycle a > b > a)". */
  violations: string[];
}

/** Reads `src/` under `baseDir` with the TypeScript compiler and checks it against IMPORT_RULES. */
export async function checkImports(baseDir: string): Promise<ImportCheck> {
  const result = await cruise(['src'], {
    baseDir,
    validate: true,
    ruleSet: { forbidden: IMPORT_RULES },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
  });
  if (typeof result.output === 'string') throw new Error('dependency-cruiser returned text, not a result');
  const { modules, summary } = result.output;
  return {
    cruised: modules.map((m) => m.source).filter((s) => s.startsWith('src/')),
    violations: summary.violations.map(describe),
  };
}

function describe(v: IViolation): string {
  const cycle = v.cycle?.length ? ` (cycle ${v.cycle.map((c) => c.name).join(' > ')})` : '';
  return `${v.rule.name}: ${v.from} -> ${v.to}${cycle}`;
}
