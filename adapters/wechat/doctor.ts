/**
 * `huiyin doctor`'s WeChat check: the puppet package and its token, then the puppet itself, started for a few seconds
 * in a scratch directory (puppet-probe.ts): reachable or not, token known or not, a QR code offered, logged in.
 * `WECHAT_DOCTOR_SECONDS` (default 10, at most 15; 0: do not start the puppet) bounds the start.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DoctorContext, Finding } from '../../src/platform/module.ts';
import { PROJECT_ROOT } from '../../src/paths.ts';

const ok = (check: string, detail: string): Finding => ({ ok: true, check, detail });
const problem = (check: string, detail: string, fix: string): Finding => ({ ok: false, check, detail, fix });


/** The WeChat line of `huiyin doctor`, or undefined when WECHATY_PUPPET is unset. */
export async function doctorWechat(env: NodeJS.ProcessEnv, context: DoctorContext = { botRunning: false }): Promise<Finding | undefined> {
  const puppet = env.WECHATY_PUPPET?.trim();
  if (!puppet) return undefined;
  const installed = await checkPuppet(puppet, env);
  if (!installed.ok) return installed;
  const raw = env.WECHAT_DOCTOR_SECONDS?.trim();
  const seconds = raw ? Number(raw) : 10;
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 15) {
    return problem('wechat', `WECHAT_DOCTOR_SECONDS "${raw}" is not a number of seconds from 0 to 15`, 'set WECHAT_DOCTOR_SECONDS to 0 (do not start the puppet) … 15, or unset it (10)');
  }
  if (seconds === 0) return ok('wechat', `${installed.detail}; not started (WECHAT_DOCTOR_SECONDS=0)`);
  // The service's client stops the SERVICE's puppet when it stops, and a second client on the bot's token may take its
  // event stream: with the bot running, the probe would be the outage it looks for.
  if (puppet === 'wechaty-puppet-service' && context.botRunning) {
    return ok('wechat', `${installed.detail}; not started: Huiyin is running on this data directory and a second client on its token could disconnect it (its log says whether it is logged in)`);
  }
  const { probePuppet, discoverToken } = await import('./puppet-probe.ts');
  const seen = await probePuppet(env, seconds);
  const head = `${installed.detail}; started for ≤ ${seconds} s`;
  switch (seen.outcome) {
    case 'logged-in':
    case 'waiting-for-scan':
      return ok('wechat', `${head}: ${seen.detail}`);
    case 'refused':
      return problem('wechat', `${head}: ${seen.detail}`, puppet === 'wechaty-puppet-service' ? SERVICE_FIX : 'check the network (and HTTPS_PROXY) of this machine');
    case 'unknown-token': {
      const authority = env.WECHATY_PUPPET_SERVICE_AUTHORITY?.trim() || 'api.chatie.io';
      const asked = await discoverToken(authority, env.WECHATY_PUPPET_SERVICE_TOKEN ?? '');
      const detail =
        asked === 'unknown'
          ? `token does not exist: the service discovery at ${authority} does not know WECHATY_PUPPET_SERVICE_TOKEN`
          : asked === 'known'
            ? `the service discovery at ${authority} knows the token, but the puppet could not use it: ${seen.detail}`
            : `the service discovery at ${authority} cannot be reached (${asked.unreachable}), so the token cannot be looked up`;
      return problem('wechat', `${head}: ${detail}`, asked === 'unknown' ? 'check WECHATY_PUPPET_SERVICE_TOKEN with your puppet service provider (an expired or mistyped token is unknown)' : SERVICE_FIX);
    }
    default:
      return problem('wechat', `${head}: ${seen.detail}`, puppet === 'wechaty-puppet-service' ? SERVICE_FIX : 'check the network of this machine; `huiyin start` logs what the puppet says');
  }
}

const SERVICE_FIX =
  'check that the puppet service runs and is reachable from here: WECHATY_PUPPET_SERVICE_ENDPOINT (host:port) or WECHATY_PUPPET_SERVICE_AUTHORITY (its service discovery), and WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true for a service without TLS';

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
