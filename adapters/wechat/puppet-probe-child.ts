/**
 * The child process of `huiyin doctor`'s WeChat probe (puppet-probe.ts): starts the configured puppet under a
 * temporary session name and reports what it sees as one JSON line per event on stdout. It runs apart so the doctor
 * can bound it by the clock whatever the puppet does (a silent service makes Wechaty's own start and stop take 15 s
 * each) and kill it without leaving a login loop or gRPC channel behind in the doctor.
 *
 * argv: <session name (absolute path in a temporary directory)>. The puppet and its token come from the environment
 * like `huiyin start`'s (WECHATY_PUPPET, WECHATY_PUPPET_SERVICE_TOKEN, …).
 *
 * It never stops a service puppet: the client's stop() asks the SERVICE to stop its puppet (grpc StopRequest), which
 * would log out the bot that runs on the same token. The parent kills this process instead; the service only sees a
 * client go away. Other puppets (wechat4u) are stopped when the parent sends "stop".
 */
import type { OfficialPuppetNpmName } from 'wechaty';

export type ProbeEvent =
  | { kind: 'loaded' }
  | { kind: 'started' }
  | { kind: 'start-failed'; message: string }
  | { kind: 'scan'; status: string; hasQr: boolean }
  | { kind: 'login'; name: string }
  | { kind: 'error'; message: string }
  | { kind: 'stopped' };

const emit = (event: ProbeEvent): void => void process.stdout.write(`${JSON.stringify(event)}\n`);
const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 300);

const sessionName = process.argv[2];
const puppet = process.env.WECHATY_PUPPET?.trim();
if (!sessionName || !puppet) {
  emit({ kind: 'start-failed', message: 'probe: no session name or WECHATY_PUPPET' });
  process.exit(2);
}

// Puppets log their retries on stderr at length; the parent reads only stdout.
const { WechatyBuilder, ScanStatus } = await import('wechaty');
const token = process.env.WECHATY_PUPPET_SERVICE_TOKEN;
const bot = WechatyBuilder.build({
  name: sessionName,
  puppet: puppet as OfficialPuppetNpmName,
  ...(token && { puppetOptions: { token } }),
});
bot.on('scan', (qrcode, status) => emit({ kind: 'scan', status: ScanStatus[status] ?? String(status), hasQr: qrcode.length > 0 }));
bot.on('login', (user) => emit({ kind: 'login', name: user.name() }));
bot.on('error', (error) => emit({ kind: 'error', message: firstLine(error) }));
process.on('unhandledRejection', (e) => emit({ kind: 'error', message: firstLine(e) }));
process.on('uncaughtException', (e) => emit({ kind: 'error', message: firstLine(e) }));

process.on('message', (m) => {
  if (m !== 'stop') return;
  void (async () => {
    if (puppet !== 'wechaty-puppet-service') {
      try {
        await bot.stop();
      } catch (error) {
        emit({ kind: 'error', message: firstLine(error) });
      }
    }
    emit({ kind: 'stopped' });
    process.exit(0);
  })();
});

emit({ kind: 'loaded' });
try {
  await bot.start();
  emit({ kind: 'started' });
} catch (error) {
  emit({ kind: 'start-failed', message: firstLine(error) });
}
