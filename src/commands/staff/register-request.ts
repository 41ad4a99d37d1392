import { takesAppointment, visitFields } from '../../conversation/appointment.ts';
import { extractLocation, extractPhone, stripDetails } from '../../conversation/extract.ts';
import { parseTime } from '../../conversation/parse-time.ts';
import type { Category } from '../../domain/category.ts';
import { DEFAULT_CLAUSE, DEFAULT_UNIT } from '../../domain/policy.ts';
import { openingEvents } from '../../services/dispatch.ts';
import { asWrittenBack, formatLocation } from '../../domain/location.ts';
import { urgentResponders } from '../../domain/ticket.ts';
import { staffT } from '../../templates.ts';
import { actorOf, type CommandOutput, fail, inScope, type StaffContext } from './context.ts';
import { CATEGORY_WORDS } from './words.ts';
import { COMMAND_VOCABULARY } from '../vocabulary.ts';
import { longestFirst } from '../../conversation/longest-first.ts';
import { withoutPlace } from '../../conversation/intake.ts';
import { escapeRegExp } from '../../conversation/escape-regexp.ts';

/** How a caller is written down: 李先生, 王女士, 张阿姨, 匿名 (a caller who gave no name). */
// "业主黄先生来电" was written down as 主黄先生 with "业 来电" left in the description (seen in play): who the caller is
// (业主, 住户) goes with the name, and the name is group 1.
const CALLER = /(?:业主|住户|租户|户主|客户)?([\p{Script=Han}]{1,2}?(?:先生|女士|小姐|阿姨|叔叔|大爷|大妈|奶奶|爷爷|老师|太太|师傅)|匿名)/u;

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

  const typed = extractLocation(text);
  const phone = extractPhone(text);
  // Room and phone (mobile or landline, with 电话/手机 before it) out of the description, as in an owner's intake.
  let rest = stripDetails(text, typed, phone);
  // Recorded as written back (6栋301), not as typed (6动301), as an owner's confirmed room is (record-ticket.ts).
  const location = typed && asWrittenBack(typed);
  // Found on the rounds ("巡逻发现 6栋楼道灯不亮"): no caller; the record says which member of staff found it.
  const found = foundByStaff(rest);
  if (found) rest = rest.replace(found, ' ');
  // The caller's name where it stands (李先生说…, 匿名), else a short first word before the description (王女士).
  const called = found ? null : CALLER.exec(rest);
  // "李先生来电" said after the matter: 来电 goes with the name (seen in play, field13: 内容 ended in 来电).
  if (called) rest = rest.replace(new RegExp(`${escapeRegExp(called[0])}(?:来电|来访|打电话来|打来电话)?`, 'u'), ' ').replace(/^\s*(?:来电|来访|打电话来|打来电话|电话)?\s*(?:说|讲|反映|称)?\s*(?:他家|她家|家里)?\s*/, '');
  const words = rest.split(/\s+/).filter(Boolean);
  const name = found ? staffT.foundBy(ctx.staff.name) : called?.[1] ?? (words.length > 1 && words[0]!.length <= 4 && !extractLocation(words[0]!) ? words.shift() : undefined);
  const said = words.join(' ');

  // A call about an emergency (家里进小偷了, 电梯关人了) is recorded as one, for the unit that responds to its kind, with
  // the office head and leadership alerted, as when an owner writes it (seen in play: "看不出是哪类请求").
  const match = ctx.urgent?.match(said);
  const kind = match && ctx.urgent?.kinds.find((k) => k.id === match.id);
  // Classified without the visit time the clerk wrote down: "卫生间地漏反味 明天下午" was vetoed as chatter for its
  // 明天 (the owners' group gate reads time words as small talk), and the clerk was asked for the category.
  const spoken = parseTime(said, ctx.clock.now(), ctx.config.timezone);
  const verdict = named || kind ? undefined : ctx.classify?.(spoken ? said.replace(spoken.text, ' ').trim() : said);
  const category = named ?? kind?.category ?? (verdict && verdict.label !== 'other' ? verdict.label : undefined);
  // The visit time the caller asked for (明天上午) is the appointment, not part of the problem (policy 4.2.1.1).
  const visit = category && takesAppointment(category) ? parseTime(said, ctx.clock.now(), ctx.config.timezone) : undefined;
  const appointment = visit && visit.start.getTime() > ctx.clock.now().getTime() ? visit : undefined;
  const told = appointment ? said.replace(appointment.text, ' ').replace(/\s+/g, ' ').trim() : said;
  // A public place on the record leaves 内容, as in an owner's intake (withoutPlace): 王队长's '登记 3栋大堂 灯不亮 巡逻发现'
  // reached 工程班 as 地点:3栋大堂 内容:3栋大堂 灯不亮 巡逻发现 (seen in play, field13).
  const description = category ? withoutPlace(told, location, category) : told;

  const missing = [!location && '房号或地点', description.length < 2 && '内容'].filter(Boolean);
  if (missing.length) fail(staffT.registerMissing(missing as string[], FORM));
  if (!category) fail(staffT.registerUnclear(FORM));
  const clause = !named && kind?.clause ? kind.clause : !named && verdict?.clause ? verdict.clause : DEFAULT_CLAUSE[category];
  const unit = !named && kind ? kind.unit : !named && verdict?.unit ? verdict.unit : DEFAULT_UNIT[category];
  const major = match !== undefined || (verdict?.major ?? false);
  const also = kind ? kind.also.filter((u) => u !== unit) : [];

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
      major,
      ...(match && { urgent: match.name }),
      channel: 'phone',
      ...(appointment && visitFields(appointment)),
      ...(location && { location }),
      ...(verdict?.party && { party: verdict.party }),
    },
    then: await openingEvents({ unit, estate, major, ...(match && { urgent: match.name, also }) }, ctx, now),
  });
  const notices = ctx.notifier.announcement(ticket, ctx.config.timezone);
  return { reply: match ? staffT.loggedUrgent(ticket, urgentResponders(ticket)) : staffT.logged(ticket), notices };
}

/**
 * The words that say a member of staff found the matter (rules/vocabulary/commands.yaml found_by_staff), at the start
 * or as the last clause: '登记 3栋大堂 灯不亮 巡逻发现' was recorded with 业主:3栋大堂 and 巡逻发现 in 内容 (seen in play,
 * field13).
 */
function foundByStaff(text: string): string | undefined {
  const start = text.trimStart();
  const words = longestFirst(COMMAND_VOCABULARY.found_by_staff ?? []);
  const first = words.find((w) => start.startsWith(w));
  if (first) return first;
  const end = text.trimEnd().replace(/[。.!!]+$/, '');
  return words.find((w) => end.endsWith(w) && /(?:^|[\s,,;;])$/.test(end.slice(0, end.length - w.length)));
}
