import type { CommandOutput, StaffContext } from './context.ts';
import * as lifecycle from './lifecycle.ts';
import { registerRequest } from './register-request.ts';
import * as reports from './reports.ts';
import * as views from './views.ts';
import { webLink } from './web-link.ts';
import { OWNER_COMMANDS } from '../aliases.ts';
import { COMMAND_VOCABULARY, STAFF_COMMAND_NAMES, type StaffCommandName } from '../vocabulary.ts';

type Run = (ctx: StaffContext, args: string) => Promise<CommandOutput>;

/** What each staff command does; the words that call it are data (`staff` of rules/vocabulary/commands.yaml). */
const RUN: Record<StaffCommandName, Run> = {
  accept: lifecycle.accept,
  assign: lifecycle.assign,
  schedule: lifecycle.schedule,
  promise: lifecycle.promise,
  reply: lifecycle.reply,
  done: lifecycle.done,
  transfer: lifecycle.transfer,
  reclassify: lifecycle.reclassify,
  escalate: lifecycle.escalate,
  urge: lifecycle.urge,
  visit: lifecycle.visit,
  reopen: lifecycle.reopen,
  close: lifecycle.close,
  cancel: lifecycle.cancel,
  register: registerRequest,
  show: views.show,
  todo: views.todo,
  overdue: views.overdue,
  daily: reports.daily,
  monthly: reports.monthly,
  help: views.help,
  web: webLink,
};

/** Every staff command: its name, the words that call it (Chinese first, then Latin aliases), and what it does. */
export const STAFF_COMMAND_TABLE: Record<string, { words: string[]; run: Run }> = Object.fromEntries(
  STAFF_COMMAND_NAMES.map((name) => [name, { words: [...COMMAND_VOCABULARY.staff[name]], run: RUN[name] }]),
);

export const STAFF_WORDS: Record<string, string> = Object.fromEntries(
  Object.entries(STAFF_COMMAND_TABLE).flatMap(([name, { words }]) => words.map((w) => [w, name])),
);

/**
 * Every command word a staff member may type (owners' words too: 查 works for both), staff's winning a clash. Built
 * once: spreading the two tables for every staff message was most of the cost of reading one (bench:engine profile).
 */
export const STAFF_AND_OWNER_WORDS: Record<string, string> = { ...OWNER_COMMANDS, ...STAFF_WORDS };
