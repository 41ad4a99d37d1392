import { extractLocation, extractPhone, stripDetails } from '../../conversation/extract.ts';
import { buildingSaid, isFloorAlone } from '../../domain/location.ts';
import { simplified } from '../../conversation/simplified.ts';
import { findProposal, takesAppointment } from '../../conversation/appointment.ts';
import { SAYS_WRONG } from '../../conversation/correction.ts';
import { continueIntake, type IntakeEnv, saysWhenHome } from '../../conversation/intake.ts';
import { parseTime } from '../../conversation/parse-time.ts';
import { ACCEPT_OFFER } from '../../conversation/offer.ts';
import { YES_TO_CANCEL, YES_TO_CANCEL_IN_GROUP } from '../../conversation/cancel-question.ts';
import { ownerCancel } from '../../commands/owner/cancel.ts';
import { defaultVerdict, findTrigger } from '../../conversation/triggers.ts';
import { answerOf, CONVERSATION_VOCABULARY } from '../../conversation/vocabulary.ts';
import { placedVerdict } from './classify-and-start.ts';
import { addressed } from './replies.ts';
import type { MessageStep } from './turn.ts';

/**
 * A conversation already open with this person: an emergency's follow-up, an intake at its questions, an offer
 * waiting for yes. An emergency word wins over an intake or an offer (policy 3.1: no offer, no questions first).
 */
export const openConversation: MessageStep = {
  name: 'open conversation',
  async run(turn) {
    const { message, key, text, attachments, bot } = turn;
    const env = bot.intakeEnv(turn.chat);
    const session = await bot.sessions.read(key, { platform: message.chat.platform, id: message.sender.id });
    if (session?.kind === 'urgent' && !findTrigger(text) && bot.deps.classify?.(text).label === 'consult' && env.faqAnswer?.(text)) {
      // A question the FAQ answers ("物业费怎么交") is answered, not relayed to the people on their way as 【紧急补充】
      // with no answer to the owner (seen in play); what the owner says next still reaches them.
      const out = await bot.startFor(turn, defaultVerdict('consult'), text, attachments);
      await bot.sessions.write(key, session.state);
      return out;
    }
    if (session?.kind === 'urgent') {
      // Everything the owner says while help is on its way reaches the people on their way ("2栋东边那部电梯", then
      // "人已经出来了": the field trial relayed only the first and the second met silence), for the session's 30
      // minutes or until the work is done; a new request (报修 …) ends the follow-up and is handled as itself.
      const followed = findTrigger(text) ? undefined : await bot.followUpEmergency(turn, session.state);
      if (followed) {
        if (followed.open) await bot.sessions.write(key, session.state);
        else await bot.sessions.delete(key);
        return followed.out;
      }
      await bot.sessions.delete(key);
    }
    const urgent = bot.deps.urgent?.match(text);
    if (urgent) return bot.emergency(turn, urgent);
    if (session?.kind === 'cancel_question') {
      // 需要取消 R0001 吗? answered: a yes cancels it; anything else lets the question go and is read as itself.
      const yes = message.chat.kind === 'group' && !addressed(message) ? YES_TO_CANCEL_IN_GROUP : YES_TO_CANCEL;
      if (yes.test(text)) {
        await bot.sessions.delete(key);
        return bot.answer(message, await ownerCancel(bot.ownerContext(message), session.state.number));
      }
      await bot.sessions.letPass(key, { platform: message.chat.platform, id: message.sender.id }, false);
    }
    if (session?.kind === 'intake') return bot.perform(turn, continueIntake(session.state, text, { ...env, inGroup: message.chat.kind === 'group' && !addressed(message) }, attachments));
    if (session?.kind === 'offer' && !session.state.verdict) {
      // The answer to 报修、投诉还是咨询: the kind word starts the intake with what was said first.
      const kind = findTrigger(text);
      if (kind && kind.rest.length <= KIND_ANSWER_REST_CHARS) {
        await bot.sessions.delete(key);
        return bot.startFor(turn, defaultVerdict(kind.category), session.state.text, session.state.attachments);
      }
      // "好的" or "确认" says yes but not which. Seen in play (field13): 确认 got the same question again, and again; the
      // owner is told once that a kind word is wanted (回复「报修」「投诉」或「咨询」), and a further yes is not answered:
      // the buttons and the question stand until the session's time runs out.
      if (ACCEPT_OFFER.test(text)) return session.state.kindHinted ? [] : bot.askKind(turn, session.state.text, session.state.attachments, true);
      // "厨房的水管一直在滴水" or "就是楼上装修太吵了" answers the question with the matter itself: where the classifier
      // places it, that is the kind, and the intake starts with all that was said (seen in play: the kind was asked
      // again at every answer until a kind word came). An answer to the bot's question is addressed to it.
      const placed = kind ? undefined : placedVerdict(bot.deps.classify?.(text), true);
      if (placed) {
        await bot.sessions.delete(key);
        return bot.startFor(turn, placed, `${session.state.text} ${text}`, [...session.state.attachments, ...attachments]);
      }
      // "+86 138 2222 3333" or "2号 明天上午10点" answering 报修、投诉还是咨询 with the details instead: kept with what
      // was said, and the kind asked again (seen in play: silence, and silence again for the 确认 after it).
      if (!kind && holdsDetails(text, env)) return bot.askKind(turn, `${session.state.text} ${text}`, [...session.state.attachments, ...attachments]);
      // The end and the cooldown are deferred writes, issued together (SessionStore.letPass): no flush of their own.
      await bot.sessions.letPass(key, { platform: message.chat.platform, id: message.sender.id }, session.state.unprompted === true);
      return undefined;
    }
    if (session?.kind === 'offer' && session.state.verdict) {
      // The offer ends whatever is said. Its end is written in each branch, before what follows it, so that when the
      // owner lets it pass the end and the cooldown are one durable write (group-commit.ts), not two.
      // A request of its own ("报修 5栋2单元502 厨房漏水", retyped after "包修 5动2单元502 厨房漏水" drew the offer)
      // replaces what was offered: joined to it, the record read "包修 5动2单元502 厨房漏水 报修 厨房漏水".
      if ((findTrigger(text)?.rest.length ?? 0) > KIND_ANSWER_REST_CHARS) {
        await bot.sessions.delete(key);
        return undefined;
      }
      if (ACCEPT_OFFER.test(text)) {
        await bot.sessions.delete(key);
        return bot.startFor(turn, session.state.verdict, session.state.text, session.state.attachments);
      }
      // "9栋302 电话139…" or "明天上午吧" right after 需要我帮您登记吗 is a yes with the details: the same intake.
      // "3栋" after "停电了 电梯也停了" drew the offer: the building the outage is in, the one thing it lacked (4.3.2.4).
      const details = detailsIn(text, env) ?? (session.state.verdict.party === 'utility' && isBuildingAlone(text) ? 'place' : undefined);
      if (details) {
        await bot.sessions.delete(key);
        // A visit time only means something where there is a visit; elsewhere it is just the yes, except when an
        // assist matter's owner says when they are home: the intake takes it out and the read-back answers it (4.3.2).
        const category = session.state.verdict.category;
        const added = (details === 'time' && !takesAppointment(category) && !saysWhenHome(text, category, env)) || details === 'correction' ? '' : ` ${text}`;
        // "3栋电梯又停了 爬了十八楼" after "电梯又停了" drew the offer: the matter said again, with the building. Joined, it was
        // read back as 内容:电梯又停了 电梯又停了 爬了十八楼 (seen in play, cls12).
        const restated = added !== '' && text.normalize('NFKC').includes(session.state.text.normalize('NFKC').trim());
        return bot.startFor(turn, session.state.verdict, restated ? text : `${session.state.text}${added}`, session.state.attachments);
      }
      // Another matter of its own ("快递柜坏了 取不出来" drew the offer, then "昨天电梯就坏了，到现在还没修好") is no "no":
      // it gets its own offer. Seen in play (cls13): the second report met silence, the owner's cooldown having been set
      // by it, and the 登记 after it asked 请简单说一下需要维修的问题 as if nothing had been said.
      const another = placedVerdict(bot.deps.classify?.(text), false) !== undefined;
      await bot.sessions.letPass(key, { platform: message.chat.platform, id: message.sender.id }, !another);
    }
    return undefined;
  },
};

/** A building and nothing much else ("3栋", "就是5号楼的"). */
function isBuildingAlone(text: string): boolean {
  const said = buildingSaid(simplified(text.replace(/^@\S+\s*/, '').normalize('NFKC')));
  return !!said && said.text.length + DETAILS_REST_CHARS >= text.replace(/^@\S+\s*|\s/g, '').length;
}

/** A greeting alone (rules/vocabulary/conversation.yaml `greetings`). */
const GREETING = answerOf(CONVERSATION_VOCABULARY.greetings ?? [], CONVERSATION_VOCABULARY.answer_fillers);

/** "报修吧", "投诉一下": the kind word and a few more; longer is a new message of its own. */
const KIND_ANSWER_REST_CHARS = 3;

/** A short answer holding a room, a place, a phone or a time. */
const KIND_DETAILS_CHARS = 40;

function holdsDetails(text: string, env: IntakeEnv): boolean {
  if (text.length > KIND_DETAILS_CHARS) return false;
  return !!(detailsIn(text, env) || extractLocation(text) || extractPhone(text) || parseTime(text, env.now, env.timezone));
}

/** Few words beyond the room, phone or visit time it gives: an answer to the offer rather than a message of its own. */
const DETAILS_REST_CHARS = 8;
/** A short fix of what was said ("是6栋 不是6动", "写错了 是502"). */
const CORRECTION_CHARS = 16;
/** A time alone ("明天上午吧", "周六下午都在家") is short; anything longer is a message of its own. */
const TIME_ANSWER_CHARS = 12;

function detailsIn(text: string, env: IntakeEnv): 'room or phone' | 'place' | 'correction' | 'time' | undefined {
  const location = extractLocation(text);
  const phone = extractPhone(text);
  if (location?.kind === 'room' || phone) {
    const rest = stripDetails(text, location, phone).replace(/[我家的是在住电话手机号码联系方式::,,。.\s]/g, '');
    return rest.length <= DETAILS_REST_CHARS ? 'room or phone' : undefined;
  }
  // "@回音 地下车库入口 栏杆" after "楼下车库入口的栏杆坏了" drew the offer: where it is, not a new matter (seen in play:
  // it was asked 报修、投诉还是咨询 as if nothing had been said).
  if (location) return location.text.length + DETAILS_REST_CHARS >= text.replace(/^@\S+\s*|\s/g, '').length ? 'place' : undefined;
  // "2单元5楼到6楼之间" after '物业 楼道灯坏了 3栋2单元' drew the offer: the floor of the building already said (seen in
  // play: it ended the offer, and the 确认 after it met silence).
  if (isFloorAlone(text.replace(/^@\S+\s*/, ''))) return 'place';
  // "是6栋 不是6动": the owner fixing a slip in what drew the offer wants it registered (it was taken as a no, and the
  // time and the 确认 after it met silence). The read-back shows what was understood and takes corrections.
  if (text.length <= CORRECTION_CHARS && SAYS_WRONG.test(text)) return 'correction';
  // Shaped as a proposal of when to come (appointment.ts): "今天天气真好" after the offer holds 今天 and was taken for
  // a yes with a time (seen in a bench sample: chatter started an intake); so was the greeting "早上好".
  if (GREETING.test(text)) return undefined;
  return text.length <= TIME_ANSWER_CHARS && findProposal(text, 'repair', env.words.appointment, env.now, env.timezone) !== undefined ? 'time' : undefined;
}
