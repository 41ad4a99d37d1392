import { extractLocation, extractPhone } from '../../conversation/extract.ts';
import type { Category } from '../../domain/category.ts';
import { DEFAULT_CLAUSE, DEFAULT_UNIT } from '../../domain/policy.ts';
import { openingEvents } from '../../services/dispatch.ts';
import { formatLocation } from '../../domain/location.ts';
import { staffT } from '../../templates.ts';
import { actorOf, type CommandOutput, fail, inScope, type StaffContext } from './context.ts';
import { CATEGORY_WORDS } from './words.ts';

const FORM = '登记 [类别] 房号 姓名 电话 内容,例如:登记 报修 5栋2单元502 王女士 13800138000 厨房水管漏水';

/**
 * 登记: a request taken by phone or in person (policy 3.2: every employee accepts requests and passes them on).
 * It goes through the same classification and routing as a chat request; the owner has no chat, so staff call back.
 */
export async function registerRequest(ctx: StaffContext, args: string): Promise<CommandOutput> {
  let text = args.trim();
  if (!text) fail(staffT.usage(FORM));
  const [first = ''] = text.split(/\s+/);
  const named: Category | undefined = CATEGORY_WORDS[first.toLowerCase()] ?? CATEGORY_WORDS[first];
  if (named) text = text.slice(first.length).trim();

  const location = extractLocation(text);
  const phone = extractPhone(text);
  let rest = text;
  if (location?.kind === 'room') rest = rest.replace(location.text, ' ');
  if (phone) rest = rest.replace(/(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}/, ' ');
  const words = rest.split(/\s+/).filter(Boolean);
  // A short first word before the description is the caller's name (王女士, 张先生).
  const name = words.length > 1 && words[0]!.length <= 4 ? words.shift() : undefined;
  const description = words.join(' ');

  const missing = [!location && '房号或地点', description.length < 2 && '内容'].filter(Boolean);
  if (missing.length) fail(staffT.registerMissing(missing as string[], FORM));

  const verdict = named ? undefined : ctx.classify?.(description);
  const category = named ?? (verdict && verdict.label !== 'other' ? verdict.label : undefined);
  if (!category) fail(staffT.registerUnclear(FORM));
  const clause = !named && verdict?.clause ? verdict.clause : DEFAULT_CLAUSE[category];
  const unit = !named && verdict?.unit ? verdict.unit : DEFAULT_UNIT[category];

  const estate = ctx.staff.estate ?? ctx.directory.defaultEstate()?.id;
  if (!estate || !inScope(ctx.staff, estate)) fail(staffT.registerWrongEstate());
  const now = ctx.clock.now().toISOString();
  const displayName = name ?? (location ? formatLocation(location) : staffT.phoneOwner());
  const ticket = await ctx.store.createTicket({
    estate,
    owner: {
      platform: 'phone',
      id: phone ?? `${location ? formatLocation(location) : 'unknown'}:${displayName}`,
      displayName,
      ...(location?.kind === 'room' && { room: location.text }),
      ...(phone && { phone }),
    },
    created: {
      type: 'created',
      at: now,
      by: actorOf(ctx),
      via: `${ctx.message.chat.platform}:${ctx.message.chat.id}`,
      category,
      clause,
      unit,
      description,
      major: verdict?.major ?? false,
      channel: 'phone',
      ...(location && { location }),
      ...(verdict?.party && { party: verdict.party }),
    },
    then: await openingEvents({ unit, estate, major: verdict?.major ?? false }, ctx, now),
  });
  const notices = ctx.notifier.announcement(ticket, ctx.config.timezone);
  return { reply: staffT.logged(ticket), notices };
}
