import { OWNER_COMMANDS } from '../../src/commands/aliases.ts';
import { STAFF_COMMAND_TABLE } from '../../src/commands/staff/registry.ts';

/**
 * The command menu Telegram shows after "/": the core's Latin aliases (Telegram command names are Latin only) with
 * Chinese descriptions. The core parses the commands itself; this is only the menu, derived from the core's tables so
 * a new alias appears here without editing this file.
 */

export interface MenuCommand {
  command: string;
  description: string;
}

/** The adapter answers this one itself: it is about Telegram ids, not the service. */
export const WHOAMI = 'whoami';

/** How each command reads in the menu. A Latin alias missing here falls back to its Chinese word. */
const DESCRIPTIONS: Record<string, string> = {
  help: '帮助:能做什么、怎么说',
  card: '服务卡:24小时服务电话',
  query: '查询 R0001:工单进度(业主只看自己的)',
  cancel: '取消 R0001:取消未完成的工单',
  chase: '催单 R0001:催一下处理进度',
  supplement: '补充 R0001 内容:补充说明或照片',
  accept: '接单 R0001:接手工单(工作人员)',
  assign: '派单 R0001 张工:派给某人(工作人员)',
  schedule: '预约 R0001 明天下午两点:约上门时间(工作人员)',
  promise: '承诺 R0001 周五18点:承诺完成时间(工作人员)',
  reply: '回复 R0001 内容:回复业主(工作人员)',
  done: '完成 R0001 结果:办结并请业主评价(工作人员)',
  transfer: '转 R0001 管理处:转给其他部门(工作人员)',
  classify: '定性 R0001 协助:重新定性(工作人员)',
  escalate: '升级 R0001 原因:报公司领导(工作人员)',
  visit: '回访 R0001 满意:回访结果(工作人员)',
  close: '关闭 R0001 原因:关闭工单(工作人员)',
  log: '登记 类别 房号 姓名 电话 内容:电话/来访登记(工作人员)',
  show: '查 R0001:完整记录(工作人员)',
  todo: '待办:我的待办(工作人员)',
  overdue: '超时:超时工单(工作人员)',
  [WHOAMI]: '我的ID:显示本聊天和您的 Telegram ID(配置用)',
};

/** Telegram shows /start when a person first opens the bot; it is the core's help, so not listed twice. */
const HIDDEN = new Set(['start']);

/** Owner commands first, then staff commands, then whoami; each Latin alias once. */
export function menuCommands(): MenuCommand[] {
  const chineseOf = new Map<string, string>();
  const latin: string[] = [];
  const add = (alias: string, chinese: string | undefined) => {
    if (!/^[a-z][a-z0-9_]{0,31}$/.test(alias) || HIDDEN.has(alias) || latin.includes(alias)) return;
    latin.push(alias);
    if (chinese) chineseOf.set(alias, chinese);
  };
  const ownerChinese = (name: string) => Object.keys(OWNER_COMMANDS).find((w) => OWNER_COMMANDS[w] === name && !/^[a-z]/i.test(w));
  for (const [word, name] of Object.entries(OWNER_COMMANDS)) add(word, ownerChinese(name));
  for (const { words } of Object.values(STAFF_COMMAND_TABLE)) {
    const chinese = words.find((w) => !/^[a-z]/i.test(w));
    for (const word of words) add(word, chinese);
  }
  add(WHOAMI, undefined);
  return latin.map((command) => ({ command, description: DESCRIPTIONS[command] ?? chineseOf.get(command) ?? command }));
}
