import { excerpt } from './domain/phone-mask.ts';
import { CATEGORY_NAME_ZH, type Category, OUTSIDE_PARTY_NAME_ZH, type OutsideParty, UNIT_NAME_ZH, type Unit } from './domain/category.ts';
import { LEDGER_NAME_ZH, ledgersOf } from './domain/ledger.ts';
import { formatLocation, type Location } from './domain/location.ts';
import { maskPhone } from './domain/people.ts';
import type { TicketEvent } from './domain/events.ts';
import { STATUS_NAME_ZH, statusName, type Ticket, urgentResponders } from './domain/ticket.ts';
import type { Estate } from './config/schema.ts';
import type { CorrectionField } from './conversation/intake-words.ts';
import type { OtherSide } from './conversation/same-outage.ts';
import { partsAt } from './zoned-time.ts';
import { visitClause } from './domain/timeliness.ts';

/**
 * Every sentence the bot says, in one place, so a company can change the tone without touching the logic.
 * Times are shown in the deployment's timezone.
 */
/** One formatter per timezone: building one costs ~50 µs, and a read-back or notice formats several times. */
const timeFormats = new Map<string, Intl.DateTimeFormat>();

export function formatTime(iso: string | Date, timezone: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  let format = timeFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('zh-CN', { timeZone: timezone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
    timeFormats.set(timezone, format);
  }
  const parts = partsAt(format, date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('month')}月${get('day')}日 ${get('hour')}:${get('minute')}`;
}

/**
 * What owners are shown for a category (issue 16 §5): the office's verdict (有效投诉, 协助处理, 超出服务范围的要求) and
 * its clause are for staff; an owner reads plainly what they asked for.
 */
export const OWNER_CATEGORY_ZH: Record<Category, string> = {
  repair: '报修',
  paid_service: '有偿服务',
  valid: '投诉',
  assist: '投诉',
  excessive: '诉求',
  consult: '咨询',
  incident: '紧急求助',
};

/** What an owner calls their matter: their own word (报修) where the verdict differs (an assist matter), else the verdict's. */
export const ownerCategory = (x: { category: Category; asked?: Category | undefined }) => OWNER_CATEGORY_ZH[x.asked ?? x.category];

/** "您的报修 R0001": how an owner's own ticket is named to them. */
export const yourTicket = (ticket: Pick<Ticket, 'category' | 'number' | 'asked'>) => `您的${ownerCategory(ticket)} ${ticket.number}`;

/** A long report is kept whole; read back and announced shortened (issue 16 §5), the whole text in 查 / 查询. */
export const SHORT_TEXT = 200;
export function shortened(text: string, max = SHORT_TEXT): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…(共${chars.length}字,已全文记录)`;
}

const CLOSE_REASON_ZH = { return_visit: '回访结案', cancelled: '取消', duplicate: '重复登记', no_action: '无需处理' } as const;
const CHANNEL_ZH = { chat: '群聊/私聊', phone: '电话', in_person: '当面', staff_chat: '工作群' } as const;

/** What an owner's correction changed, as staff read it: 地点→9栋2单元3楼走廊;电话→139****9000. */
export function amendedText(e: Extract<TicketEvent, { type: 'amended' }>): string {
  return [
    ...(e.location ? [`地点→${formatLocation(e.location)}`] : []),
    ...(e.phone !== undefined ? [`电话→${e.phone === null ? '不留' : maskPhone(e.phone)}`] : []),
    ...(e.description ? [`内容→${e.description}`] : []),
  ].join(';');
}

/** One line of a ticket's history as a manager reads it in the ledger. */
export function describeEvent(e: TicketEvent, timezone: string): string {
  switch (e.type) {
    case 'created':
      return `登记(${CHANNEL_ZH[e.channel]})`;
    case 'confirmed':
      return '业主确认';
    case 'notified':
      return `通知${UNIT_NAME_ZH[e.unit]}${e.onDuty ? `(值班 ${e.onDuty})` : ''}`;
    case 'accepted':
      return `接单:${e.handler.name}`;
    case 'scheduled':
      return `预约 ${formatWindow(e.appointmentAt, e.appointmentEnd, timezone)}`;
    case 'promised':
      return `承诺 ${formatTime(e.promisedAt, timezone)} 前${e.reason ? `(${e.reason})` : ''}`;
    case 'relayed':
      // To staff: the owner's own words are 业主补充; staff's (督办:…) and the bot's relays speak for themselves.
      if (e.direction === 'to_owner') return `回复业主:${excerpt(e.text, 30)}`;
      if (e.by.kind === 'owner') return `业主补充:${excerpt(e.text, 30)}`;
      return e.by.kind === 'staff' ? excerpt(e.text, 30) : `转达:${excerpt(e.text, 30)}`;
    case 'assisted':
      return e.part === 'on_it' ? `${UNIT_NAME_ZH[e.unit]}协助:${e.by.name}` : `${UNIT_NAME_ZH[e.unit]}协助完成:${excerpt(e.result ?? '', 30)}`;
    case 'transferred':
      return `转交${UNIT_NAME_ZH[e.toUnit]}${e.toHandler ? ` ${e.toHandler.name}` : ''}`;
    case 'reclassified':
      return `定性为${CATEGORY_NAME_ZH[e.category]} ${e.clause}`;
    case 'escalated':
      return `上报${UNIT_NAME_ZH[e.to]}:${e.reason}`;
    case 'nudged':
      return e.reason === 'owner_chase' ? '业主催单' : '提醒';
    case 'completed':
      return `完工:${excerpt(e.result, 30)}`;
    case 'rated':
      return `评价 质量${e.ratings.quality} 及时${e.ratings.timeliness} 态度${e.ratings.attitude}`;
    case 'reopened':
      return `重开:${e.reason}`;
    case 'amended':
      return `业主更正:${amendedText(e)}`;
    case 'closed':
      return `关闭(${CLOSE_REASON_ZH[e.reason]})`;
  }
}

/** 11月28日 14:00, 11月28日 09:00–12:00 for a window, 11月28日 08:00 前 for a time to be done by (an empty window). */
const FIELD_NAME_ZH: Record<CorrectionField, string> = { location: '地点', time: '时间', phone: '电话', description: '内容' };

export function formatWindow(start: string | Date, end: string | Date | undefined, timezone: string): string {
  if (end && new Date(end).getTime() === new Date(start).getTime()) return `${formatTime(start, timezone)} 前`;
  return end ? `${formatTime(start, timezone)}–${formatTime(end, timezone).slice(-5)}` : formatTime(start, timezone);
}

/** 甲、乙和丙. */
/**
 * What the office does with an assist matter (policy 4.3.2: another party must act; the office helps): the supplier of
 * an outage is asked why and until when; anyone else (the locker's operator, 4.3.2.4) is asked to act.
 */
function coordination(party: OutsideParty | undefined, who: OtherSide | undefined): string {
  return `管理处${otherSide(party, who)},有进展会告诉您`;
}

function otherSide(party: OutsideParty | undefined, who: OtherSide | undefined): string {
  if (who?.outage) return `联系${who.name},了解原因和恢复时间`;
  return `联系${partyName(party, who)}协调处理`;
}

function partyName(party: OutsideParty | undefined, who: OtherSide | undefined): string {
  return who?.name ?? (party ? OUTSIDE_PARTY_NAME_ZH[party] : '相关方');
}

/** The owner's words of the latest chase, when they said more than 催单. */
function saidInChase(ticket: Ticket): string {
  const last = ticket.history.findLast((e) => e.type === 'nudged' && e.reason === 'owner_chase');
  return last?.type === 'nudged' && last.said ? `\n业主说:${last.said}` : '';
}

function listZh(names: string[]): string {
  const unique = [...new Set(names)];
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join('、')}和${unique.at(-1)}`;
}

/** 秩序部、工程班: the units on their way, as owners and staff read them. */
function unitsZh(units: Unit[]): string {
  return [...new Set(units)].map((u) => UNIT_NAME_ZH[u]).join('、');
}

/** Policy 4.2.2: the office quotes a paid service and arranges it once the owner agrees. */
const PAID_SERVICE_QUOTE = '有偿服务的费用由管理处按收费标准报价:登记后管理处会先联系您说明价格,您同意后再安排上门。';

export const t = {
  /** The numbers an owner gave besides the one the record keeps, after the description (masked where it is shown). */
  otherPhones: (phones: string[]) => `(另留电话 ${phones.join('、')})`,
  serviceCard: (estate: Estate) =>
    [
      `【${estate.name} 服务卡】`,
      `24小时报修:${estate.serviceCard.repair}`,
      `投诉:${estate.serviceCard.complaint}`,
      `咨询:${estate.serviceCard.consult}`,
      `服务质量投诉:${estate.serviceCard.qualityComplaint}`,
      '在群里@我或发「报修 + 房号 + 问题」即可登记。',
    ].join('\n'),

  help: (isStaff: boolean) =>
    [
      '可以这样找我:',
      '· 报修 5栋2单元502 厨房水管漏水',
      '· 投诉 / 咨询 / 有偿服务 + 内容',
      '· 服务卡:查看24小时服务电话',
      '· 查询 R0001:查看工单进度;催单 R0001:催一催;补充 R0001 内容:补充情况',
      '· 取消 R0001:不需要了',
      ...(isStaff ? ['工作人员:查询 R0001 查看工单与处理记录'] : []),
    ].join('\n'),

  askRoom: () => '请问是哪个房间?(例如 5栋2单元502;公共区域请直接写地点,如「3栋大堂」)',
  askBuilding: (place: string) => `请问是哪一栋的${place}?(例如 2栋、5号楼)`,
  /** A notice to a chat of no one estate, in a company of several: whose work it is, first (notifier.ts forReader). */
  estateTag: (estateName: string, text: string) => `【${estateName}】${text}`,
  /** An outage naming no building (policy 4.3.2.4): the building, not a room or the lift it stopped. */
  askOutageBuilding: () => '请问是哪一栋?(例如 2栋、5号楼;整个小区都停了就回复「全小区」)',
  /** The place of an outage of the whole estate. */
  wholeEstate: () => '全小区',
  /** A floor given for work inside a flat (policy 4.1.1 问清楚): the engineer needs the door, not the landing. */
  askFlatOnFloor: (floor: string, example: string) => `请问是${floor}哪一户?请回复房号,例如「${example}」;如果是楼道、电梯厅等公共区域,请回复「公共区域」。`,
  askFlatOnFloorAgain: (floor: string, example: string) =>
    `记下了。还需要${floor}的房号(例如「${example}」),师傅才好上门;是公共区域请回复「公共区域」。`,
  askRoomAgain: () => '记下了。还需要房号:请写楼栋和房间,例如 5栋2单元502;公共区域请写明地点,如「3栋大堂」「地下车库B区」。',
  askDetails: (category: Category) =>
    category === 'consult' ? '好的,请问您想问什么事?直接说就行。' : `好的,请简单说一下${category === 'repair' ? '需要维修的问题' : '具体情况'}。`,

  askTime: (category: Category) =>
    category === 'repair' ? '请问什么时间方便师傅上门?(例如 明天下午两点、周六上午;都可以就回复「随时」)' : '请问希望什么时间?(例如 周六上午、下周一下午3点)',
  badTimeAnswer: () => '没看懂这个时间,可以写:明天下午两点、周六上午、今晚8点前;都可以就回复「随时」。',
  /** 确认 while the time question is open: nothing is recorded yet, and the owner is told what is missing. */
  finishFirst: (atReadBack: boolean) =>
    atReadBack
      ? '上一件还没有登记:请先回复「确认」登记它,或回复「取消」;然后再发新的事项。'
      : '上一件还没有登记完:请先回答上面的问题,或回复「取消」;然后再发新的事项。',
  ticketNumberIsNoPlace: (number: string) =>
    `${number} 是工单编号,查询请发「查询 ${number}」。这次登记还差房号:请写楼栋和房间,例如 5栋2单元502;公共区域请写明地点,如「3栋大堂」「地下车库B区」。`,
  roomStillNeeded: () => '还没有登记:还差房号。请写楼栋和房间,例如 5栋2单元502;公共区域请写明地点,如「3栋大堂」「地下车库B区」。',
  timeStillNeeded: (category: Category) =>
    `还没有登记:还差${category === 'repair' ? '师傅上门的时间' : '您希望的时间'}。请回复时间(例如 明天下午两点、周六上午);都可以就回复「随时」。`,
  changedBeforeReadBack: (change: { field: CorrectionField; shown: string }) => `好的,${FIELD_NAME_ZH[change.field]}已改为:${change.shown}。`,
  roomRemembered: (place: string) => `地点按您之前登记的 ${place};不是这里请直接发房号。`,
  keptBeforeReadBack: (kept: { field: CorrectionField; shown: string }) => `好的,${FIELD_NAME_ZH[kept.field]}已记下:${kept.shown}。`,
  noAppointmentNeededYet: () => '这类事项不用约上门时间,受理后会告诉您处理时间(一般不超过3天)。',

  readBack: (
    draft: {
      category: Category;
      asked?: Category | undefined;
      party?: OutsideParty | undefined;
      description: string;
      location?: Location;
      phone?: string;
      appointmentAt?: string;
      appointmentEnd?: string;
      anytime?: boolean;
      timeSaid?: boolean;
      attachments?: string[];
    },
    timezone: string,
    opts: { askPhone?: boolean; phoneMistyped?: string; otherSide?: OtherSide | undefined } = {},
  ) =>
    [
      '请核对:',
      `类别:${ownerCategory(draft)}`,
      ...(draft.location ? [`地点:${formatLocation(draft.location)}`] : []),
      `内容:${shortened(draft.description)}`,
      ...(draft.appointmentAt ? [`时间:${formatWindow(draft.appointmentAt, draft.appointmentEnd, timezone)}`] : draft.anytime ? ['时间:随时'] : []),
      // An assist matter (4.3.2): the owner reads, before confirming, that the office takes it up with whoever must act.
      ...(draft.category === 'assist' ? [`处理:${coordination(draft.party, opts.otherSide)}`] : []),
      // The owner said when they are home: an assist matter has no visit to book, and they read who calls whom.
      ...(draft.category === 'assist' && draft.timeSaid ? ['时间:这类事项不约上门时间,管理处会先和您联系'] : []),
      // A complaint too: the handler contacts the owner at once (5.2), no visit is booked.
      ...((draft.category === 'valid' || draft.category === 'excessive') && draft.timeSaid ? ['时间:这类事项不约上门时间,受理人会先和您联系'] : []),
      ...(draft.phone ? [`电话:${maskPhone(draft.phone)}`] : []),
      ...(draft.attachments?.length ? [`图片/附件:${draft.attachments.length}个`] : []),
      // Asked once per owner, inside the read-back rather than as one more message (issue 16 §5, §6).
      ...(opts.askPhone && opts.phoneMistyped
        ? [`电话:${opts.phoneMistyped} 是${opts.phoneMistyped.length}位,${opts.phoneMistyped.length < 11 ? '少' : '多'}了数字(手机号是11位,座机请带区号),请直接回复正确的号码;不留回复「不用」。`]
        : opts.askPhone
          ? ['电话:未留。师傅上门前需要联系您的话,直接回复号码(群里只显示前3后4位);不留回复「不用」。']
          : []),
      '回复「确认」登记;哪里不对直接说,如「地点改成…」;回复「取消」放弃。',
    ].join('\n'),
  confirmHint: () => '请回复「确认」登记;要改哪一项直接说,如「地点改成…」「电话改成…」;或回复「取消」。',
  whichPart: (withTime: boolean) =>
    `好的,请问要改哪一项?直接说新的内容即可,例如「地点改成9栋2单元3楼走廊」${withTime ? '「时间改成周六下午」' : ''}「电话改成…」「内容改成…」,其他内容保持不变。`,
  askNewValue: (field: CorrectionField) => `请说新的${FIELD_NAME_ZH[field]}。`,
  badCorrection: (field: CorrectionField) =>
    field === 'time'
      ? '没看懂这个时间,可以写:明天下午两点、周六上午;都可以就回复「随时」。'
      : field === 'phone'
        ? '没看懂这个电话,请写11位手机号;不想留电话可以回复「电话不用」。'
        : `请说新的${FIELD_NAME_ZH[field]}。`,
  /** A time said at an assist matter's read-back (4.3.2): no visit to book; the office calls the owner, then the other side. */
  assistNoVisit: (party: OutsideParty | undefined, who: OtherSide | undefined) =>
    `好的。这类事项不约上门时间:管理处会先和您联系,再${otherSide(party, who)},有进展会告诉您。请回复「确认」登记,或说要改的地方。`,
  /** Policy 4.2.2: the office quotes a paid service and arranges it once the owner agrees. */
  paidServicePrice: () => `${PAID_SERVICE_QUOTE}请回复「确认」登记,或说要改的地方。`,
  /** The price asked while the time is still asked: the same answer, then the time question again. */
  paidServicePriceAtTime: () => `${PAID_SERVICE_QUOTE}\n${t.askTime('paid_service')}`,
  /** Said before the first question when the request itself asks the price ("有偿服务 通下水道 多少钱"). */
  paidServiceQuote: () => PAID_SERVICE_QUOTE,
  noAppointmentNeeded: () => '这类事项不用约上门时间,受理后会告诉您处理时间(一般不超过3天)。请回复「确认」登记,或说要改的地方。',
  cancelled: () => '已取消,本次内容没有登记。需要时随时找我。',
  noAtTimeQuestion: () => '是什么时间都可以,还是不用登记了?时间都可以请回复「随时」;不登记了请回复「取消」。',

  /**
   * `held`: the notice of a ticket already in someone's hands (上报, 转交, 定性), which names them as 经办人; without it a
   * handler on a new ticket was given it by round-robin dispatch (seen in play: 李主任's 派给王队长 then 升级 read
   * 已轮派给 王队长 in the managers' chat).
   */
  unitNotice: (ticket: Ticket, timezone: string, opts: { roundRobin?: boolean; helping?: boolean; held?: boolean } = {}) =>
    [
      ...(ticket.urgent ? [`【紧急】${ticket.number} ${ticket.urgent}:${unitsZh(urgentResponders(ticket))}请立即赶到现场,业主已被告知${unitsZh(urgentResponders(ticket))}马上有人到。`] : []),
      ...(ticket.handler && opts.roundRobin !== false ? [opts.held ? `经办人:${ticket.handler.name}` : `已轮派给 ${ticket.handler.name}`] : []),
      `【新${CATEGORY_NAME_ZH[ticket.category]}】${ticket.number}${ticket.major ? '【重大】' : ''}  条款 ${ticket.clause}`,
      ...(ticket.location ? [`地点:${formatLocation(ticket.location)}`] : []),
      `内容:${shortened(ticket.description)}`,
      `业主:${ticket.owner.displayName}${ticket.owner.phone ? ` ${maskPhone(ticket.owner.phone)}` : ''}`,
      ...(ticket.appointmentAt ? [`预约:${formatWindow(ticket.appointmentAt, ticket.appointmentEnd, timezone)}`] : []),
      `登记时间:${formatTime(ticket.createdAt, timezone)}`,
      opts.helping
        ? `请配合${UNIT_NAME_ZH[ticket.unit]}处理,工单由${UNIT_NAME_ZH[ticket.unit]}负责;可用指令:接单 ${ticket.number}(协助) · 回复 ${ticket.number} 内容 · 完成 ${ticket.number} 本部门做了什么 · 查 ${ticket.number}`
        : ticket.handler
          ? // Nobody books a visit to an emergency: what the person on the way does is tell the owner and finish.
            ticket.urgent
            ? `可用指令:回复 ${ticket.number} 内容 · 完成 ${ticket.number} 结果`
            : `可用指令:预约 ${ticket.number} 明天下午两点 · 完成 ${ticket.number} 结果`
          : `可用指令:接单 ${ticket.number} · 派单 ${ticket.number} 姓名 · 转 ${ticket.number} 部门`,
    ].join('\n'),

  newTicketButtons: (ticket: Ticket) =>
    ticket.handler ? [{ label: '查看', text: `查 ${ticket.number}` }] : [{ label: '接单', text: `接单 ${ticket.number}` }, { label: '查看', text: `查 ${ticket.number}` }],

  ticketSummary: (ticket: Ticket, timezone: string, opts: { showPhone: boolean; history: boolean; beforeHistory?: string[]; estateName?: string }) =>
    [
      // Staff read the verdict and its clause (the full record); an owner reads what they asked for (issue 16 §5).
      opts.history
        ? `${ticket.number} ${CATEGORY_NAME_ZH[ticket.category]}(条款 ${ticket.clause})· ${statusName(ticket)}`
        : `${ticket.number} ${ownerCategory(ticket)} · ${statusName(ticket)}`,
      // A company with several estates: the same 5栋502 is in each of them.
      ...(opts.estateName ? [`小区:${opts.estateName}`] : []),
      ...(ticket.location ? [`地点:${formatLocation(ticket.location)}`] : []),
      // Staff's 查 shows the whole text; an owner's 查询 in the group the short form.
      `内容:${opts.history ? ticket.description : shortened(ticket.description)}`,
      `负责:${UNIT_NAME_ZH[ticket.unit]}${ticket.handler ? ` · ${ticket.handler.name}` : ''}`,
      // The visit time the owner and the engineer are holding to (issue 16 §4).
      ...(ticket.appointmentAt ? [`预约:${formatWindow(ticket.appointmentAt, ticket.appointmentEnd, timezone)}`] : []),
      ...(opts.history
        ? [`业主:${ticket.owner.displayName}${ticket.owner.phone ? ` ${opts.showPhone ? ticket.owner.phone : maskPhone(ticket.owner.phone)}` : ''}`]
        : []),
      ...(ticket.result ? [`结果:${ticket.result}`] : []),
      ...(opts.beforeHistory ?? []),
      ...(opts.history
        ? ['记录:', ...ticket.history.map((e) => `  ${formatTime(e.at, timezone)} ${describeEvent(e, timezone)} · ${e.by.name}`)]
        : [`更新:${formatTime(ticket.updatedAt, timezone)}`]),
    ].join('\n'),

  /** One line of a list; a public place the description already starts with is not said twice ("9栋3楼走廊 9栋3楼走廊的灯坏了"). */
  ticketLine: (ticket: Ticket, timezone: string, extra = '') =>
    `${ticket.number} ${CATEGORY_NAME_ZH[ticket.category]} · ${STATUS_NAME_ZH[ticket.status]}${ticket.handler ? ` · ${ticket.handler.name}` : ''} · ${
      ticket.location && !ticket.description.startsWith(formatLocation(ticket.location)) ? `${formatLocation(ticket.location)} ` : ''
    }${excerpt(ticket.description, 24)}${extra ? ` · ${extra}` : ''}`,

  noTickets: () => '您还没有登记过事项。',
  recentTickets: () => '您最近的事项:',
  nothingInProgress: () => '没有找到您正在处理中的事项。',
  unknownTicket: (number: string) => `没有找到工单 ${number},请核对编号(例如 R0001)。`,
  notYourTicket: (number: string) => `没有找到您名下的工单 ${number}。`,
  badTicketNumber: (text: string) => `「${text}」不是工单编号,编号形如 R0001、C0001、S0001。`,
  staffOnly: () => '这个指令仅限工作人员使用。',
  notInScope: (number: string, estate?: string) => `工单 ${number} ${estate ? `属于${estate},` : ''}不在您负责的范围内;请核对编号。`,
  needsRole: (what: string) => `${what}需要主任、领导或管理处来操作。`,
  tooLong: (length: number, max: number) => `这条消息有${length}字,超过了${max}字的上限,没有登记。请简要说明问题、地点和时间,细节可以登记后用「补充」发。`,
  unitLabel: (unit: Unit) => UNIT_NAME_ZH[unit],
  internalError: () => '抱歉,刚才处理出了点问题,已记录。请稍后再试,或拨打服务卡上的电话。',
  /** The disk is full (issue 17): nothing was recorded, so the person must not think it was. */
  notSavedOwner: (estate: Estate) =>
    `抱歉,系统暂时无法保存消息,您这条没有登记上。请直接拨打24小时报修电话 ${estate.serviceCard.repair}(投诉 ${estate.serviceCard.complaint}),管理处已收到通知。`,
  notSavedStaff: (estate: Estate) =>
    `系统存储已满,刚才的操作没有保存,工单没有变化。请电话联系管理处(${estate.serviceCard.repair}),存储恢复后再发一次。`,
};

/** What staff and owners are told when staff act on a ticket (policy 4.2, 5.2–5.6). */
/** How a unit is written after 转 in the messages that list them (each is a word of rules/vocabulary/commands.yaml units). */
const UNIT_TYPED: Record<Unit, string> = { engineering: '工程班', office: '管理处', security: '秩序部', office_head: '主任', managers: '领导' };

export const staffT = {
  /** 紧急时钟 in 查: how long since the report and what happens next if nobody moves. */
  urgentClock: (ticket: Ticket, minutes: number, u: { acceptMinutes: number; headMinutes: number; managersMinutes: number; resolveMinutes: number; chaseMinutes: number }) =>
    ticket.status === 'open'
      ? `紧急时钟:已报 ${minutes} 分钟,无人接单;${u.acceptMinutes} 分钟再催${UNIT_NAME_ZH[ticket.unit]},${u.headMinutes} 分钟报管理处主任,${u.managersMinutes} 分钟报公司领导,此后每 ${u.chaseMinutes} 分钟再催,直到有人接单(制度3.1)`
      : `紧急时钟:已报 ${minutes} 分钟,处理中;${u.resolveMinutes} 分钟仍未完成报公司领导(制度3.1)`,
  help: () =>
    [
      '工作人员指令(编号在前;中文或英文都可以,Telegram 可加 /):',
      '接单 R0001 · 派单 R0001 张工 · 预约 R0001 明天下午两点 · 承诺 R0001 周五18点 [原因]',
      '回复 R0001 内容 · 完成 R0001 处理结果 · 转 R0001 工程班|管理处|主任|领导 [原因]',
      '定性 R0001 报修|有偿|投诉|协助|超范围|咨询 [条款] · 升级 R0001 原因 · 督办 R0001 要求',
      '回访 R0001 满意|不满意 [备注] · 重开 R0001 原因 · 关闭 R0001 [原因] · 取消 R0001 [原因]',
      '登记 [类别] 房号 姓名 电话 内容(电话/上门受理的请求)',
      '查 R0001 · 待办 · 超时 · 日报 [昨天] · 月报 [上月] · 帮助 · 后台(私聊获取网页后台登录链接)',
    ].join('\n'),
  usage: (form: string) => `格式:${form}`,
  assignWhom: (number: string, whom: Array<{ unit: Unit; names: string[] }>) =>
    [`派给谁?请发「派单 ${number} 姓名」。`, ...whom.map((g) => `${UNIT_NAME_ZH[g.unit]}:${g.names.join('、')}`)].join('\n'),
  // The owner reads the result word for word in 已处理完毕:…, so it is asked for in the owner's terms, with this number.
  /** 完成 on work already done: when and with what result, and how to tell the owner more (policy 5.4). */
  alreadyCompleted: (ticket: Ticket, timezone: string) =>
    `${ticket.number} 已于 ${formatTime(ticket.completedAt ?? ticket.updatedAt, timezone)} 完工(${excerpt(ticket.result ?? '', 20)}),正等业主评价。要告诉业主更多,请发「回复 ${ticket.number} 内容」。`,
  doneNeedsResult: (number: string) => `${number} 还差处理结果:请发「完成 ${number} 换了角阀,已试水不漏」这样一句(业主会收到这句话,维修服务通知单也记这句)。`,
  dropNeedsReason: (word: string, number: string) => `${number} 还没有办完,${word}请写明原因(业主会收到),例如:${word} ${number} 业主已自行修好、${word} ${number} 重复登记。`,
  urgeDefault: () => '请尽快处理并回复进度',
  urged: (ticket: Ticket) => `已督办 ${ticket.number},已通知${ticket.handler ? ticket.handler.name : UNIT_NAME_ZH[ticket.unit]}。`,
  urgeNotice: (ticket: Ticket, by: string, text: string) =>
    `【督办】${ticket.number}${ticket.handler ? ` @${ticket.handler.name}` : ''} ${by}:${text}\n${excerpt(ticket.description, 30)}(制度3.1)`,
  notOpenToUrge: (number: string, status: string) => `工单 ${number} ${status},不需要督办。`,
  alreadyThere: (number: string, unit: string, reason: string) =>
    `工单 ${number} 已在${unit}手上,不用转。要督促处理,请用「督办 ${number} ${reason || '要求'}」。`,
  whichTicket: (form: string, lines: string[]) => [`是哪一件?请写上编号,格式:${form}`, ...lines].join('\n'),
  reportsForOffice: (word: string) => `「${word}」是管理处和主任、领导看的汇总;您的工单请用「待办」「超时」。`,
  badReportDay: () => '格式:日报(今天到现在)或 日报 昨天;一周或一个月的看「月报」或网页后台。',
  badReportMonth: () => '格式:月报(本月到现在)、月报 上月,或 月报 2026-11;某人或某部门的:月报 张工、月报 工程班 上月。',
  didYouMean: (word: string | undefined, forms: string[]) =>
    word ? `您是想用「${word}」吗?格式:${forms[0]}` : `没有看到指令。是想用这些吗?${forms.map((f) => `「${f}」`).join(' ')}`,
  badTime: (text: string) => `看不懂时间「${text}」,可以写:明天下午两点、周六上午、11月30日14:00。`,
  unknownStaff: (name: string, known: string[]) => `没有名为「${name}」的工作人员。可选:${known.join('、') || '无'}`,
  /** A name of the company's staff, but of another estate: not "no such person" (seen in play). */
  otherEstateStaff: (name: string, theirs: string, here: string, known: string[]) =>
    `「${name}」是${theirs}的工作人员,不管${here}的事。可选:${known.join('、') || '无'}`,
  /** `units`: those this estate has (unitWords); what was typed is named, and the ticket is left as it was. */
  /** A return visit whose words do not say whether the owner is satisfied: the two commands to copy, the words kept. */
  visitVerdictUnread: (number: string, said: string) =>
    `没看出业主是否满意。请发「回访 ${number} 满意 ${excerpt(said, 30)}」或「回访 ${number} 不满意 ${excerpt(said, 30)}」。`,
  notOurUnit: (number: string, unit: string, handler: string | undefined) =>
    `工单 ${number} 由${unit}${handler ? `(${handler})` : ''}负责,不在您负责的范围内;需要转交或协助请找主任或管理处。`,
  transferToPerson: (number: string, name: string, unit: string) =>
    `派给个人由主任或管理处操作(派单 ${number} ${name});要交给${unit}请发「转 ${number} ${unit}」。`,
  unknownUnit: (word: string, units: readonly Unit[]) => `没有「${word}」这个部门,可写:${units.map((u) => UNIT_TYPED[u]).join('、')}。`,
  unitNotHere: (word: string, unit: Unit, units: readonly Unit[]) =>
    `本小区没有配置${UNIT_NAME_ZH[unit]}(「${word}」),转不过去,工单没有改动。可写:${units.map((u) => UNIT_TYPED[u]).join('、')}。`,
  unknownCategory: (word: string) => `没有「${word}」这个类别,可写:报修、有偿、投诉、协助、超范围、咨询。`,

  accepted: (number: string, name: string) => `${number} 已由 ${name} 受理。`,
  /** A unit helping at an emergency it does not hold (engineering at a fire): on it, and its part done. */
  assisting: (ticket: Ticket, unit: Unit, name: string) => `已记录:${UNIT_NAME_ZH[unit]} ${name} 协助处理 ${ticket.number}(由${UNIT_NAME_ZH[ticket.unit]}负责)。本部门做完请发「完成 ${ticket.number} 做了什么」。`,
  alreadyAssisting: (ticket: Ticket, unit: Unit, name: string) => `${UNIT_NAME_ZH[unit]} ${name} 已在协助 ${ticket.number},不用再接单;做完请发「完成 ${ticket.number} 做了什么」。`,
  ownerAssisting: (ticket: Ticket, unit: Unit, name: string) => `${yourTicket(ticket)}:${UNIT_NAME_ZH[unit]} ${name} 已在协助处理。`,
  holderAssisting: (ticket: Ticket, unit: Unit, name: string) => `【协助】${ticket.number} ${ticket.urgent ?? ''}:${UNIT_NAME_ZH[unit]} ${name} 已接单协助,工单仍由${UNIT_NAME_ZH[ticket.unit]}负责。`,
  assistDone: (ticket: Ticket, unit: Unit) => `已记录 ${UNIT_NAME_ZH[unit]}在 ${ticket.number} 的部分已完成,已告知${UNIT_NAME_ZH[ticket.unit]};整单由${UNIT_NAME_ZH[ticket.unit]}完成。`,
  holderAssistDone: (ticket: Ticket, unit: Unit, name: string, result: string) =>
    `【协助完成】${ticket.number} ${ticket.urgent ?? ''}:${UNIT_NAME_ZH[unit]} ${name}:${result}\n全部处理完请发「完成 ${ticket.number} 结果」。`,
  /** What the owner is told when the engineer says 到了 with the number. */
  arrived: '已到现场',
  showOne: () => '看某一件的详情和经过请发「查 R0001」。',
  showNotSent: (number: string, text: string) => `(「${text}」没有发给业主;要告诉业主,请发「回复 ${number} ${text}」)`,
  emergencyWord: '紧急情况',
  outageWord: '停水停电',
  /** `what`: 紧急情况 for an emergency, the outage's kind (停电) for an outage others reported too. */
  reporterAccepted: (ticket: Ticket, what: string) => `您报告的${what} ${ticket.number} 已由 ${ticket.handler?.name ?? '工作人员'} 受理。`,
  reporterRelayed: (ticket: Ticket, what: string, text: string, from: string) => `【您报告的${what} ${ticket.number} 进展】${text} —— ${from}`,
  reporterCompleted: (ticket: Ticket, what: string) => `您报告的${what} ${ticket.number} 已处理完毕:${ticket.result ?? ''}`,
  ownerAccepted: (ticket: Ticket) => `${yourTicket(ticket)} 已由 ${ticket.handler?.name ?? '工作人员'} 受理,会尽快联系您。`,
  assigned: (number: string, name: string) => `${number} 已派给 ${name}。`,
  assignedToYou: (ticket: Ticket, name: string, timezone: string) => `@${name} 派给你:\n${t.unitNotice(ticket, timezone, { roundRobin: false })}`,
  scheduled: (number: string, when: string) => `${number} 预约时间:${when}。`,
  /** 预约 / 承诺 by an engineer on work nobody had accepted: it is theirs now, and they read so first. */
  acceptedWith: (number: string, name: string, said: string) => `${number} 已由 ${name} 受理。${said.replace(`${number} `, '')}`,
  ownerScheduled: (ticket: Ticket, when: string) =>
    `${yourTicket(ticket)} 预约在 ${when},${ticket.handler ? `${ticket.handler.name}会按时处理` : `${UNIT_NAME_ZH[ticket.unit]}会按时安排人员处理`}。`,
  promised: (number: string, when: string) => `${number} 承诺 ${when} 前处理完毕。`,
  moveAfterDeadline: (deadline: string) => `(已超过原定时限 ${deadline},新时间照常跟进,不改变及时性)`,
  ownerPromised: (ticket: Ticket, when: string) => `${yourTicket(ticket)} 将在 ${when} 前处理完毕。`,
  relayed: (number: string) => `已转告业主(${number})。`,
  answered: (number: string) => `已答复业主,咨询 ${number} 记为已办结。`,
  ownerRelayed: (ticket: Ticket, text: string, from: string) => `【${ticket.number} 回复】${text} —— ${from}`,
  completed: (number: string) => `${number} 已完成,已通知业主评价。`,
  ownerCompleted: (ticket: Ticket) =>
    `${yourTicket(ticket)} 已处理完毕:${ticket.result ?? ''}\n请为质量、及时、态度打分(1–5分),例如回复「${ticket.number} 5 5 5」,或回复「满意」/「不满意」。`,
  deskCompleted: (ticket: Ticket) => `【完工】${ticket.number} ${ticket.handler?.name ?? ''}:${ticket.result ?? ''}(制度5.4)`,
  transferred: (number: string, unit: Unit) => `${number} 已转交${UNIT_NAME_ZH[unit]}。`,
  ownerTransferred: (ticket: Ticket) => `${yourTicket(ticket)} 已转交${UNIT_NAME_ZH[ticket.unit]}处理。`,
  reclassified: (ticket: Ticket, before: Category) => {
    const [was, now] = [ledgersOf(before), ledgersOf(ticket.category)];
    const dropped = was.filter((l) => !now.includes(l)).map((l) => LEDGER_NAME_ZH[l]);
    // One matter keeps one number: the owner and every notice already have it; the ledgers follow the category.
    const ledgers =
      was.join() === now.join() ? '' : `编号 ${ticket.number} 不变;台账:${now.map((l) => LEDGER_NAME_ZH[l]).join(' / ')}${dropped.length ? `(不再列入${dropped.join('、')})` : ''}。`;
    return `${ticket.number} 已定性为${CATEGORY_NAME_ZH[ticket.category]}(条款 ${ticket.clause}),负责:${UNIT_NAME_ZH[ticket.unit]}。${ledgers}`;
  },
  reclassifyNotice: (ticket: Ticket, by: string, timezone: string) =>
    `【定性】${by} 定性为${CATEGORY_NAME_ZH[ticket.category]},改由${UNIT_NAME_ZH[ticket.unit]}负责(编号不变)\n${t.unitNotice(ticket, timezone, { held: true })}`,
  escalated: (number: string) => `${number} 已上报公司领导。`,
  escalationNotice: (ticket: Ticket, reason: string, by: string, timezone: string) =>
    `【上报】${by}:${reason}\n${t.unitNotice(ticket, timezone, { held: true })}`,
  visitedOk: (number: string) => `${number} 回访满意,已结案。`,
  visitedUnhappy: (number: string) => `${number} 回访不满意,已重开并通知主任。`,
  visitedStillUnhappy: (number: string) => `${number} 回访记录:业主仍不满意,已报主任并转告处理人,工单继续处理。`,
  visitSettled: (note: string) => `回访时业主表示满意${note ? `:${note}` : ''}`,
  ownerVisitSettled: (ticket: Ticket) => `感谢您接听回访,${ticket.number} 已结案。如还有问题请随时找我。`,
  visitUnhappyNotice: (ticket: Ticket, note: string) =>
    `【回访不满意】${ticket.number} 业主仍不满意${note ? `:${note}` : ''}。请${ticket.handler?.name ?? '相关人员'}继续处理,完成后发「完成 ${ticket.number} 结果」(制度5.6)。`,
  reopened: (ticket: Ticket) => `${ticket.number} 已重开,继续由${ticket.handler ? ticket.handler.name : UNIT_NAME_ZH[ticket.unit]}处理;已通知业主。`,
  reopenByStaffNotice: (ticket: Ticket, by: string, reason: string) =>
    `【重开】${ticket.number}${ticket.handler ? ` @${ticket.handler.name}` : ''} ${by}:${reason}。请继续处理(制度5.6)。\n${excerpt(ticket.description, 30)}`,
  ownerReopened: (ticket: Ticket, reason: string) => `${yourTicket(ticket)} 已重新打开继续处理:${reason}。处理好后会再请您评价。`,
  notReopenable: (number: string, status: string) => `工单 ${number} ${status},不需要重开;要催办请用「督办 ${number} 要求」。`,
  visitClosed: (ticket: Ticket) =>
    `${ticket.number} 已结案${ticket.ratings ? `(业主已评价:质量${ticket.ratings.quality} 及时${ticket.ratings.timeliness} 态度${ticket.ratings.attitude})` : ''},不需要回访。业主仍有问题请发「重开 ${ticket.number} 原因」。`,
  reopenNotice: (ticket: Ticket, reason: string) => `【重开】${ticket.number} 业主不满意:${reason}。请${ticket.handler?.name ?? '相关人员'}继续处理。`,
  closed: (number: string) => `${number} 已关闭。`,
  sameMatterElsewhere: () => '已登记的同一问题',
  ownerClosed: (ticket: Ticket, reason: string) => `${yourTicket(ticket)} 已关闭${reason ? `:${reason}` : ''}。如有问题请随时找我。`,
  cancelled: (number: string) => `${number} 已取消。`,
  loggedUrgent: (ticket: Ticket, responders: Unit[]) =>
    `【紧急】已登记 ${ticket.number}(${CATEGORY_NAME_ZH[ticket.category]} ${ticket.urgent ?? ''},条款 ${ticket.clause}),已同时通知${listZh([...responders, 'office_head' as const, 'managers' as const].map((u) => UNIT_NAME_ZH[u]))};请回电来电人,告诉对方${unitsZh(responders)}马上派人赶到。`,
  logged: (ticket: Ticket) => `已登记 ${ticket.number}(${CATEGORY_NAME_ZH[ticket.category]},条款 ${ticket.clause}),已通知${UNIT_NAME_ZH[ticket.unit]}。`,
  registerMissing: (missing: string[], form: string) => `登记还缺:${missing.join('、')}。格式:${form}`,
  registerUnclear: (form: string) => `看不出是哪类请求,请写明类别。格式:${form}`,
  registerWrongEstate: () => '请在所属小区的工作群里登记。',
  phoneOwner: () => '电话业主',
  foundBy: (name: string) => `${name}(巡查发现)`,
  transferNotice: (ticket: Ticket, by: string, reason: string, timezone: string) =>
    `【转交】${by} 转来${reason ? `(${reason})` : ''}\n${t.unitNotice(ticket, timezone, { held: true })}`,
  clauseMismatch: (clause: string, word: string) => `条款 ${clause} 不属于${word}。`,
  todoAppointment: (iso: string, end: string | undefined, timezone: string) => `预约 ${end === iso ? formatWindow(iso, end, timezone) : formatTime(iso, timezone)}`,
  todoWaiting: () => '待接单',
  alreadyYours: (ticket: Ticket, visitToBook: boolean) => `${ticket.number} 已在您手上,不用再接单。${visitToBook ? `约好上门时间请发「预约 ${ticket.number} 明天下午两点」;` : ''}做完请发「完成 ${ticket.number} 结果」。`,
  todoAssisting: (ticket: Ticket) => `紧急·协助${UNIT_NAME_ZH[ticket.unit]}`,
  todoHeader: () => '待办:',
  /** A head's overview before the lists: how much is open, by state and by unit, and how much is late (policy 5.3, 5.5). */
  todoOverview: (open: number, waiting: number, overdue: number, byUnit: Array<[Unit, number]>) =>
    `未结 ${open} 件(待接单 ${waiting} · 处理中 ${open - waiting}${overdue > 0 ? ` · 超时 ${overdue}` : ''});${byUnit.map(([u, n]) => `${UNIT_NAME_ZH[u]} ${n}`).join(' · ')}`,
  /** Who holds how much of it (policy 3.1 跟催, 5.5 per handler): the most first, late ones in brackets, a few names only. */
  todoByHandler: (byHandler: Array<{ name: string; open: number; overdue: number }>, more: number) =>
    `经办人:${byHandler.map((h) => `${h.name} ${h.open}${h.overdue > 0 ? `(超时 ${h.overdue})` : ''}`).join(' · ')}${more > 0 ? ` · 另 ${more} 人` : ''}`,
  todoSection: (title: string, n: number) => `【${title}】${n} 件`,
  todoMore: (n: number) => `  …另 ${n} 件(发「超时」或打开后台看全部)`,
  todoEscalatedTitle: (level: Unit) => (level === 'managers' ? '已上报领导' : '已上报主任'),
  todoOverdueTitle: () => '超时未办结',
  todoPressedTitle: () => '已督办,未办结',
  todoMineTitle: () => '我手上的',
  todoWaitingTitle: () => '待接单',
  todoEscalated: (reason: string, at: string) => `上报:${excerpt(reason, 24)}(${at})`,
  todoLate: (days: number) => (days >= 1 ? `已超时${days}天` : '已超时'),
  todoUrged: (times: number, last: string) => `已督办${times}次,最近 ${last}`,
  /** Open again after it was done (policy 5.6): why and when, on every 待办 line of the ticket. */
  todoReopened: (reason: string, at: string) => `【重开】${excerpt(reason, 24)}(${at})`,
  todoReopenedTitle: () => '重开待跟进',
  overdueDue: (iso: string, timezone: string) => `应于 ${formatTime(iso, timezone)} 完成`,
  notInOwnersGroup: (word: string) => `「${word}」会显示业主的工单,业主群里大家都看得到:请在工作群或私聊我时使用。`,
  /** The rate is the company's own measure of its staff (policy 5.5): not for the owners' group either. */
  figuresNotInOwnersGroup: (word: string) => `「${word}」是内部考核数字,业主群里大家都看得到:请在工作群或私聊我时使用。`,
  todo: (lines: string[]) => (lines.length ? ['待办:', ...lines].join('\n') : '没有待办工单。'),
  personTodo: (name: string, overdue: number, lines: string[]) =>
    lines.length ? [`${name} 手上 ${lines.length} 件${overdue > 0 ? `(超时 ${overdue})` : ''}:`, ...lines].join('\n') : `${name} 手上没有未结的工单。`,
  personTodoDeskOnly: () => '别人手上的工单请找主任或管理处查看;发「待办」看自己的。',
  overdue: (lines: string[]) => (lines.length ? ['超时工单:', ...lines].join('\n') : '没有超时工单。'),
  webLink: (url: string, until: string) =>
    `后台登录链接(仅限本人使用一次,${until} 前有效):\n${url}\n台账、月报和每日简报都在后台,台账可按月导出 Excel。`,
  webLinkPrivateOnly: () => '台账和报表在网页后台;后台登录链接只能私聊获取,请私聊我发送「后台」。',
  webOff: () => '后台网页没有开启(web.port 为 0),请联系系统管理员。',
};

/** What owners are told about their own tickets (policy 4.2.1.1, 4.3.1.5, 5.3, 5.6). */
export const ownerT = {
  /** An owner asking the office's 及时率 or report (policy 5.5: the office's monthly analysis; 5.1 the quality number). */
  figuresAsked: (estate: Estate) =>
    `处理及时率是管理处每月对报修、投诉等处理情况的内部统计分析(制度5.5),不对外公布。您自己的事项可以发「我的报修」查看进度;对服务有意见可以直接跟我说,我帮您登记投诉,也可以拨打服务质量投诉电话 ${estate.serviceCard.qualityComplaint}。`,
  cancelled: (ticket: Ticket) => `已取消 ${ticket.number}。`,
  /** `handler`: who holds the work now; until someone does, the owner hears that whoever takes it will call. */
  dueBy: (at: string, timezone: string, source: 'appointment' | 'promised' | 'default', category: Category, handler?: string) =>
    source === 'appointment'
      ? `按您的预约,最迟 ${formatTime(at, timezone)} 前处理好(制度${visitClause(category)})`
      : source === 'promised'
        ? `已答应您 ${formatTime(at, timezone)} 前处理好(制度5.2)`
        : `最迟 ${formatTime(at, timezone)} 前处理好(制度5.2);${handler ? `${handler}会联系您约时间` : '受理后处理人会联系您'}`,
  twoMattersFirst: (second: string) => `您说的是两件事,先登记这一件;「${excerpt(second, 20)}」登记完这件再帮您登记。`,
  twoMattersNext: (second: string, category: Category) =>
    `另外您说的「${excerpt(second, 20)}」是另一件事(${OWNER_CATEGORY_ZH[category]}),需要也登记吗?回复「登记」。`,
  urgentUnderway: (ticket: Ticket) =>
    `紧急事项(${ticket.urgent}),${ticket.handler ? ticket.handler.name : UNIT_NAME_ZH[ticket.unit]}已接到通知,正在处理;情况有变化请直接回复我,或拨打24小时值班电话(制度5.2)`,
  /** The booked time does not suit, and no other is said ("明天上午没空"): how to move the visit or cancel. */
  visitNotSuiting: (ticket: Ticket, timezone: string) =>
    `${ticket.number} 现在约的是 ${formatWindow(ticket.appointmentAt!, ticket.appointmentEnd, timezone)}。要改时间请直接说新的时间,如「改到后天下午」;不用来了请回复「取消 ${ticket.number}」。`,
  confirmCancel: (ticket: Ticket, yesWillDo: boolean) =>
    `需要取消 ${ticket.number}(${excerpt(ticket.description, 20)})吗?确定的话回复${yesWillDo ? '「确定」或' : ''}「取消 ${ticket.number}」;问题还在的话不用理会这条。`,
  /** The result recorded for a consultation the FAQ answered at intake. */
  faqResult: (answer: string) => `已按常见问题答复:${answer}`,
  nothingToCancel: (ticket: Ticket) => `工单 ${ticket.number} 已${ticket.status === 'completed' ? '完成' : '关闭'},无需取消。`,
  cancelNotice: (ticket: Ticket) => `【业主取消】${ticket.number} ${ticket.description}`,
  chased: (ticket: Ticket, complaint?: string, booked?: string) =>
    `已催促${ticket.handler ? ticket.handler.name : UNIT_NAME_ZH[ticket.unit]}尽快处理 ${ticket.number}${complaint ? `。此事已到期仍未办理,已记为投诉(${complaint})并报告管理处主任` : ''}。${booked ? `现在约的上门时间是 ${booked};要改时间请直接说新的时间,如「改到明天下午」。` : ''}`,
  chasedAlready: (ticket: Ticket, at: string) =>
    `${at} 已替您催过${ticket.handler ? ticket.handler.name : UNIT_NAME_ZH[ticket.unit]}(${ticket.number}),对方已收到,请稍候;情况变严重的话请直接说明。`,
  nothingToChase: (ticket: Ticket) => `工单 ${ticket.number} 已${ticket.status === 'completed' ? '完成' : '关闭'},不需要催了。`,
  chaseNotice: (ticket: Ticket) =>
    `【催单】${ticket.handler ? `@${ticket.handler.name} ` : ''}业主催促 ${ticket.number}(第${ticket.ownerChases}次):${ticket.description}${saidInChase(ticket)}`,
  answerPassedOn: (ticket: Ticket) => `收到,已转告${ticket.handler ? ticket.handler.name : UNIT_NAME_ZH[ticket.unit]}(${ticket.number})。`,
  supplemented: (ticket: Ticket) => `已把补充内容转给${ticket.handler ? ticket.handler.name : UNIT_NAME_ZH[ticket.unit]}(${ticket.number})。`,
  nothingToSupplement: (ticket: Ticket) =>
    `${ticket.number} ${statusName(ticket)},不能再补充。问题还在的话,请重新报修(例如:报修 房号 问题),我们会另开工单跟进。`,
  supplementUsage: () => '请在「补充」后写上要补充的内容,例如:补充 R0001 卫生间也在滴水',
  supplementNotice: (ticket: Ticket, text: string) => `【业主补充】${ticket.number}:${text}`,
  sameOutage: (ticket: Ticket, kind: string, at: string) =>
    `${at} 已有业主报告${kind}(${ticket.number}),${ticket.handler ? ticket.handler.name : UNIT_NAME_ZH[ticket.unit]}正在跟进(制度4.3.2.4),您的情况已记入。有进展管理处会通知大家;如果您家的情况不一样,请@我说明。`,
  sameOutageRecord: (kind: string, text: string) => `也报告${kind}:${text}`,
  /** A shared thing out of order (电梯故障) that another owner reported and is open (4.2.1.1). */
  sameFault: (ticket: Ticket, kind: string, at: string) =>
    `${at} 已有业主报告${ticket.location ? formatLocation(ticket.location) : kind}的情况(${ticket.number}${ticket.urgent ? ` ${ticket.urgent}` : ''}),${ticket.handler ? ticket.handler.name : UNIT_NAME_ZH[ticket.unit]}正在处理(制度4.2.1.1),您的情况已记入,有进展会告诉您。如果您说的不是这一处,请@我说明。`,
  corrected: (ticket: Ticket, summary: string) =>
    `已更正 ${ticket.number}:${summary},已告诉${ticket.handler ? ticket.handler.name : UNIT_NAME_ZH[ticket.unit]}。`,
  correctionNotice: (ticket: Ticket, summary: string) => `【业主更正】${ticket.number}:${summary}`,
  /** The owner said when they are home, after recording ("我下午3点后才在家"): noted, and whoever holds the work told. */
  whenHomeNoted: (ticket: Ticket, summary: string) =>
    `好的,已记下 ${ticket.number} 的上门时间:${summary.replace(/^时间→/, '')},已告诉${ticket.handler ? ticket.handler.name : UNIT_NAME_ZH[ticket.unit]}。`,
  whenHomeNotice: (ticket: Ticket, summary: string) => `【业主约时间】${ticket.number}:${summary}(业主说的在家时间)`,
  correctionUsage: (field: CorrectionField) =>
    `请写上新的${FIELD_NAME_ZH[field]},例如「${{ location: '地点改成9栋2单元3楼走廊', time: '时间改成周六下午', phone: '电话改成13900139000', description: '内容改成卫生间也在漏水' }[field]}」。`,
  noAppointmentForRecorded: (ticket: Ticket) => `${ticket.number} 不用约上门时间,受理人会告诉您处理时间(一般不超过3天)。`,
  notAwaitingRating: (ticket: Ticket) => `工单 ${ticket.number} 当前${STATUS_NAME_ZH[ticket.status]},不在待评价状态。`,
  thanks: (ticket: Ticket) => `谢谢您的评价!${ticket.number} 已结案。`,
  thanksReadAs: (ticket: Ticket, readAs: string) => `谢谢您的评价!${ticket.number} 已按「${readAs}」记录并结案。`,
  ratingReservationNotice: (ticket: Ticket, readAs: string, remark: string) => `【评价意见】${ticket.number} 业主评价「${readAs}」,并说:${remark}。请回访跟进(制度5.6)。`,
  thanksWithRemark: (ticket: Ticket, readAs: string, remark: string) =>
    `谢谢您的评价!${ticket.number} 已按「${readAs}」记录。您说的「${remark}」已转管理处主任跟进。`,
  ratingRemarkRecord: (remark: string) => `评价补充:${remark}`,
  ratingRemarked: (ticket: Ticket) => `谢谢,您的意见已记入 ${ticket.number},管理处会看到。`,
  ratingRemarkNotice: (ticket: Ticket, remark: string) => `【评价补充】${ticket.number} 业主评价后又说:${remark}。请回访跟进(制度5.6)。`,
  ratingUnsure: (ticket: Ticket) =>
    `请问您对 ${ticket.number} 的处理满意吗?回复「满意」「基本满意」,或「不满意 + 原因」(我们会重新处理);也可以打分,例如「5 5 4」。`,
  ratingOutOfRange: (ticket: Ticket) => `${ticket.number} 的评分请用 1–5 分(5 分最好),例如回复「5」或「5 5 4」,也可以回复「满意」/「不满意」。`,
  sorry: (ticket: Ticket) => `很抱歉没让您满意。${ticket.number} 已重新打开,管理处主任会跟进并联系您。`,
  unhappyNotice: (ticket: Ticket, reason: string) => `【业主不满意】${ticket.number}:${reason}。工单已重开,请跟进(制度5.6)。`,
  ratingButtons: () => [
    { label: '满意', text: '满意' },
    { label: '基本满意', text: '基本满意' },
    { label: '不满意', text: '不满意' },
  ],

  /**
   * What the owner may send instead of 登记: the room and a phone, or only what is missing (seen in play: "5栋电梯又坏了"
   * was asked for 房号, and "5栋502厨房水管漏水了" for the room it had just given).
   */
  /** place 'building': an outage that named no building (4.3.2.4), whose building is all that is missing. */
  offer: (name: string, place?: 'room' | 'public' | 'building') =>
    `@${name} 需要我帮您登记吗?${place === 'public' ? '回复「登记」即可。' : place === 'room' ? '回复「登记」,或直接发电话。' : place === 'building' ? '回复「登记」,或直接发是哪一栋。' : '回复「登记」,或直接发房号和电话。'}`,
  offerKind: (name: string) => `@${name} 需要我帮您登记给管理处吗?是报修、投诉还是咨询?回复其中一个词即可。`,
  welcome: () => '不客气!有需要随时找我:报修、投诉、咨询都可以直接说。',
  /** A yes-word with nothing asked (好的, 嗯, 收到): taken as heard, with the work in progress named, if any. */
  acknowledged: (open: string | undefined) => (open ? `好的。${open} 有进展会告诉您。` : '好的,有需要随时找我。'),
  askKind: () => '我来帮您登记。请问这是:报修(要修东西)、投诉(对物业或邻居的问题),还是咨询(问个事)?回复其中一个词即可。',
  /** A yes (确认, 好的) to askKind: which words answer it (policy 4.1.1 问清楚), said once. */
  kindWanted: () => '好的,还需要知道是哪一类才能登记:请回复「报修」「投诉」或「咨询」其中一个词(要修东西是报修,对物业或邻居有意见是投诉,问个事是咨询)。',
  /** who: the supplier of an outage (停水 → 供水公司) or the operator of the thing (快递柜运营公司), for an assist matter (4.3.2.4). */
  recorded: (ticket: Ticket, faqAnswer: string | undefined, who?: OtherSide) => {
    const number = `已登记,编号 ${ticket.number}(${ledgersOf(ticket.category).map((l) => LEDGER_NAME_ZH[l]).join(' / ')})。`;
    switch (ticket.category) {
      // Plain words for the owner; the verdict and its clause are in the staff notice (issue 16 §5).
      case 'assist':
        return [
          number,
          who?.outage
            ? `${coordination(ticket.party, who)}。`
            : `这件事需要${partyName(ticket.party, who)}配合处理,管理处会帮您联系协调,有进展会告诉您。`,
        ].join('\n');
      case 'excessive':
        return [number, '这项要求可能超出物业服务合同的约定,管理处会对照合同和已核准的收费标准,尽快和您当面沟通说明,谢谢理解。'].join('\n');
      case 'consult':
        // The answer first: the owner asked a question, the record is the office's (policy 3.1, 5.1).
        return faqAnswer
          ? [faqAnswer, `${number}还有疑问直接问我。`].join('\n')
          : [number, '已转管理处,会尽快答复您。'].join('\n');
      default:
        return [number, `已通知${UNIT_NAME_ZH[ticket.unit]},受理后会告诉您处理人。查询进度请发「查询 ${ticket.number}」。`].join('\n');
    }
  },
  expired: () => '刚才的登记很久没有确认,已先作废。需要时再找我就好。',

  /** Policy 3.1 / 5.2: an emergency is recorded at once; the owner hears help is coming before anything is asked. */
  urgentRecorded: (ticket: Ticket, estate: Estate, advice: string | undefined, missing: Array<'location' | 'phone'>, responders: Unit[]) =>
    [
      `【紧急】已登记 ${ticket.number},已同时通知${listZh([...responders, 'office_head' as const, 'managers' as const].map((u) => UNIT_NAME_ZH[u]))},${unitsZh(responders)}马上派人赶到。`,
      `24小时值班电话:${estate.serviceCard.repair}`,
      ...(advice ? [advice] : []),
      ...(missing.length
        ? [`为了尽快找到您,请直接回复${missing.map((m) => (m === 'location' ? '具体位置(几栋几单元/哪部电梯)' : '能打通的电话')).join('和')}。`]
        : []),
    ].join('\n'),
  urgentMaybeSame: (ticket: Ticket, earlier: Ticket[], minutes: number) =>
    `${minutes}分钟内另有同类紧急 ${earlier.map((e) => `${e.number}(${e.location ? formatLocation(e.location) : excerpt(e.description, 12)})`).join('、')},地点不同或未说明,已另开 ${ticket.number};如是同一件事:关闭 ${ticket.number} 重复 ${earlier.at(-1)!.number}`,
  urgentAlready: (ticket: Ticket, units: Unit[]) =>
    `这件紧急情况已有人报告,工单 ${ticket.number},${unitsZh(units)}已在赶往现场,您说的已转给现场人员;有新情况请直接在这里说。`,
  urgentSupplemented: (ticket: Ticket) => `收到,已转给现场人员(${ticket.number})。`,
  urgentNothingToConfirm: (ticket: Ticket) => `${ticket.number} 已经登记,不用确认,现场人员已在路上。有新情况请直接在这里说。`,
  urgentPlaceCorrected: (ticket: Ticket, place: string) => `已把地点改为 ${place},已告诉现场人员(${ticket.number})。`,
  urgentPlaceCorrectedNotice: (ticket: Ticket, place: string) => `【紧急更正】${ticket.number} ${ticket.urgent ?? ''}:地点改为 ${place}`,
  urgentSupplementNotice: (ticket: Ticket, text: string, phoneRecorded = false) =>
    `【紧急补充】${ticket.number} ${ticket.urgent ?? ''}:${text}${phoneRecorded ? `\n电话已记入工单;私聊我发「查 ${ticket.number}」看完整号码。` : ''}`,
};
