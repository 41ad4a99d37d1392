import type { CommandOutput, StaffContext } from './context.ts';
import * as lifecycle from './lifecycle.ts';
import { registerRequest } from './register-request.ts';
import * as views from './views.ts';
import { webLink } from './web-link.ts';

type Run = (ctx: StaffContext, args: string) => Promise<CommandOutput>;

/** Every staff command: its name, the words that call it (Chinese first, then Latin aliases), and what it does. */
export const STAFF_COMMAND_TABLE: Record<string, { words: string[]; run: Run }> = {
  accept: { words: ['接单', 'accept'], run: lifecycle.accept },
  assign: { words: ['派单', 'assign'], run: lifecycle.assign },
  schedule: { words: ['预约', 'schedule'], run: lifecycle.schedule },
  promise: { words: ['承诺', 'promise'], run: lifecycle.promise },
  reply: { words: ['回复', 'reply'], run: lifecycle.reply },
  done: { words: ['完成', '完工', 'done'], run: lifecycle.done },
  transfer: { words: ['转', '转单', 'transfer'], run: lifecycle.transfer },
  reclassify: { words: ['定性', 'classify'], run: lifecycle.reclassify },
  escalate: { words: ['升级', 'escalate'], run: lifecycle.escalate },
  visit: { words: ['回访', 'visit'], run: lifecycle.visit },
  close: { words: ['关闭', 'close'], run: lifecycle.close },
  cancel: { words: ['取消', 'cancel'], run: lifecycle.cancel },
  register: { words: ['登记', 'log'], run: registerRequest },
  show: { words: ['查', '查询', '进度', 'show', 'query'], run: views.show },
  todo: { words: ['待办', 'todo'], run: views.todo },
  overdue: { words: ['超时', 'overdue'], run: views.overdue },
  help: { words: ['帮助', 'help', 'start'], run: views.help },
  web: { words: ['后台', 'web'], run: webLink },
};

export const STAFF_WORDS: Record<string, string> = Object.fromEntries(
  Object.entries(STAFF_COMMAND_TABLE).flatMap(([name, { words }]) => words.map((w) => [w, name])),
);
