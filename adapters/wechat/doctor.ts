/** `huiyin doctor`'s WeChat check: the puppet package and its token (moved from src/cli/doctor.ts). */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Finding } from '../../src/platform/module.ts';
import { PROJECT_ROOT } from '../../src/paths.ts';

const ok = (check: string, detail: string): Finding => ({ ok: true, check, detail });
const problem = (check: string, detail: string, fix: string): Finding => ({ ok: false, check, detail, fix });


/** The WeChat line of `huiyin doctor`, or undefined when WECHATY_PUPPET is unset. */
export async function doctorWechat(env: NodeJS.ProcessEnv): Promise<Finding | undefined> {
  const puppet = env.WECHATY_PUPPET?.trim();
  if (!puppet) return undefined;
  return checkPuppet(puppet, env);
}

/** The puppet package must be installed where Huiyin can import it; the service puppet needs its token. */
export async function checkPuppet(puppet: string, env: NodeJS.ProcessEnv): Promise<Finding> {
  if (puppet === 'wechaty-puppet-service' && !env.WECHATY_PUPPET_SERVICE_TOKEN) {
    return problem('wechat', 'WECHATY_PUPPET=wechaty-puppet-service needs WECHATY_PUPPET_SERVICE_TOKEN', 'set WECHATY_PUPPET_SERVICE_TOKEN to the token from your puppet service provider');
  }
  if (!/^(@[a-z0-9._-]+\/)?[a-z0-9._-]+$/i.test(puppet)) {
    return problem('wechat', `WECHATY_PUPPET "${puppet}" is not a package name`, 'set it to a puppet package, e.g. wechaty-puppet-wechat4u or wechaty-puppet-service');
  }
  for (let at = PROJECT_ROOT; ; at = dirname(at)) {
    const manifest = join(at, 'node_modules', puppet, 'package.json');
    if (existsSync(manifest)) {
      const version = (JSON.parse(await readFile(manifest, 'utf8')) as { version?: string }).version ?? '?';
      return ok('wechat', `puppet ${puppet} ${version} is installed`);
    }
    if (dirname(at) === at) break;
  }
  return problem('wechat', `puppet "${puppet}" is not installed`, `npm install ${puppet} (in ${PROJECT_ROOT})`);
}
