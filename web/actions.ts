/**
 * A web action is a staff command: the form's fields become the words the person would type in a private chat
 * (接单 R0001, 完成 R0001 换了阀门 …), and the bot handles that message exactly as if it came from their chat. The
 * same checks, the same event, the same notices to the owner and the unit; the event's `via` says it was the web.
 */
import type { StaffConfig } from '../src/config/schema.ts';
import type { TicketNumber } from '../src/domain/ticket-number.ts';
import type { IncomingMessage, OutgoingMessage } from '../src/messages.ts';
import type { WebDeps } from './deps.ts';

/** The chat id web actions are recorded under: `telegram:web`, `console:web`… (platform of the person, then web). */
export const WEB_CHAT_ID = 'web';

const one = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '');

/** The command text for a form, or an error to show. */
export function commandFor(number: TicketNumber, form: Record<string, unknown>): { text: string } | { error: string } {
  const need = (field: string, what: string) => one(form[field]) || undefined;
  switch (one(form.action)) {
    case 'accept':
      return { text: `接单 ${number}` };
    case 'assign': {
      const who = need('staff', '处理人');
      return who ? { text: `派单 ${number} ${who}` } : { error: '请选择处理人。' };
    }
    case 'schedule': {
      const when = need('when', '时间');
      return when ? { text: `预约 ${number} ${when}` } : { error: '请填写预约时间,例如:明天下午两点。' };
    }
    case 'promise': {
      const when = need('when', '时间');
      return when ? { text: `承诺 ${number} ${when}` } : { error: '请填写承诺时间,例如:周五18点。' };
    }
    case 'reply': {
      const text = need('text', '内容');
      return text ? { text: `回复 ${number} ${text}` } : { error: '请填写要转告业主的话。' };
    }
    case 'complete': {
      const result = need('result', '结果');
      return result ? { text: `完成 ${number} ${result}` } : { error: '请填写处理结果(制度5.4)。' };
    }
    case 'reclassify': {
      const category = need('category', '类别');
      return category ? { text: `定性 ${number} ${category} ${one(form.clause)}`.trim() } : { error: '请选择类别。' };
    }
    case 'visit': {
      const verdict = one(form.verdict);
      return verdict === '满意' || verdict === '不满意' ? { text: `回访 ${number} ${verdict} ${one(form.note)}`.trim() } : { error: '请选择满意或不满意。' };
    }
    case 'close':
      return { text: `关闭 ${number} ${one(form.reason)}`.trim() };
    default:
      return { error: '不认识的操作。' };
  }
}

let sequence = 0;

/**
 * Runs the command as the staff member, from their "web" private chat. Returns the one answer the person would have
 * read in chat; every other message (owner, unit, leadership) is delivered as usual.
 */
export async function runAsStaff(deps: WebDeps, staff: StaffConfig, text: string): Promise<string> {
  const message: IncomingMessage = {
    id: `web-${deps.clock.now().getTime()}-${++sequence}`,
    chat: { platform: staff.platform, id: WEB_CHAT_ID, kind: 'private', title: '网页后台' },
    sender: { id: staff.id, displayName: staff.name },
    text,
    mentionsBot: true,
    at: deps.clock.now(),
    attachments: [],
  };
  const out: OutgoingMessage[] = await deps.handle(message);
  const answer = out.filter((m) => m.chat.platform === staff.platform && m.chat.id === WEB_CHAT_ID);
  for (const m of out) if (!answer.includes(m)) await deps.deliver(m);
  deps.log(`web: ${staff.platform}:${staff.id} (${staff.name}) ran "${text.slice(0, 60)}"`);
  return answer.map((m) => m.text).join('\n');
}
