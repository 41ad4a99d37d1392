import { issueLoginLink } from '../../access/login-links.ts';
import { formatTime, staffT } from '../../templates.ts';
import { type CommandOutput, fail, type StaffContext } from './context.ts';

/**
 * 后台: a one-time login link to the office console (issue 21). Only in a private chat: a link posted in a group
 * would let anyone there in as this person.
 */
export async function webLink(ctx: StaffContext): Promise<CommandOutput> {
  if (ctx.message.chat.kind !== 'private') fail(staffT.webLinkPrivateOnly());
  if (ctx.config.web.port === 0) fail(staffT.webOff());
  const { url, expiresAt } = await issueLoginLink({ store: ctx.store, clock: ctx.clock, web: ctx.config.web }, ctx.staff);
  ctx.log(`web login link issued to ${ctx.staff.platform}:${ctx.staff.id} (${ctx.staff.name})`);
  return { reply: staffT.webLink(url, formatTime(expiresAt, ctx.config.timezone)), notices: [] };
}
