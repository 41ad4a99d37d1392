/**
 * `huiyin web-link --staff NAME` prints a one-time login link to the office console for that staff member. With the
 * bot running it asks the bot; with the bot stopped it stores the link where the bot will read it when it starts.
 */
import { issueLoginLink } from '../access/login-links.ts';
import { callRunningBot } from '../access/control-file.ts';
import { systemClock } from '../clock.ts';
import { openStore } from '../store/open-store.ts';
import { type CommandIo, flagValue } from './report.ts';
import { runningBot } from './running.ts';

export const WEB_LINK_USAGE = 'Usage: huiyin web-link --staff NAME [--config FILE]   (NAME as in staff: in the config, or platform:id)';

export async function runWebLinkCommand(argv: string[], io: CommandIo): Promise<number> {
  const args = argv[0] === 'web-link' ? argv.slice(1) : argv;
  const name = flagValue(args, '--staff');
  if (!name) {
    io.stderr.write(`--staff: missing\n${WEB_LINK_USAGE}\n`);
    return 2;
  }
  const { config, control } = await runningBot(args, io.env);
  const member = config.staff.find((s) => s.name === name || `${s.platform}:${s.id}` === name);
  if (!member) {
    io.stderr.write(`--staff ${name}: no such staff member (known: ${config.staff.map((s) => s.name).join(', ') || 'none'})\n`);
    return 1;
  }
  if (config.web.port === 0) {
    io.stderr.write('the office console is off (web.port is 0 or HUIYIN_WEB_PORT=0): no link to give\n');
    return 1;
  }
  if (control) {
    const answer = (await (await callRunningBot(control, '/web-link', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staff: `${member.platform}:${member.id}` }) })).json()) as {
      url: string;
      expiresAt: string;
    };
    io.stdout.write(`${answer.url}\n`);
    io.stderr.write(`for ${member.name}, once, until ${answer.expiresAt}\n`);
    return 0;
  }
  const store = await openStore(config, { env: io.env ?? process.env, backups: 0, command: true, log: (l) => io.stderr.write(`${l}\n`) });
  try {
    const link = await issueLoginLink({ store, clock: io.clock ?? systemClock, web: config.web }, member);
    io.stdout.write(`${link.url}\n`);
    io.stderr.write(`for ${member.name}, once, until ${link.expiresAt.toISOString()} (the bot is not running: start it to use the link)\n`);
    return 0;
  } finally {
    await store.close();
  }
}
