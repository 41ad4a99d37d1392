/**
 * The duty roster (值班表, issue 24; policy 3.1 "客服中心设24小时值班电话,值班人员负责受理、传达、跟催和反馈"): who is
 * on duty for which unit at night and at weekends. A manager edits it as a YAML file named by `dutyRoster` in the
 * config; staff reminders that come due in quiet hours go privately to whoever is on duty, owners still hear nothing
 * until morning (jobs/reminder-scan.ts). Broken entries are refused with the file and the field (`shifts[2].staff: …`).
 */
import { z } from 'zod';
import { UNIT_NAME_ZH, type Unit, UnitSchema } from '../domain/category.ts';
import { zonedParts } from '../zoned-time.ts';
import { ConfigError, formatZodIssues } from './config-error.ts';
import type { Config, StaffConfig } from './schema.ts';
import { parseYamlText, YamlTextError } from './yaml-text.ts';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAY_ZH: Record<string, (typeof DAYS)[number]> = { 周日: 'sun', 周一: 'mon', 周二: 'tue', 周三: 'wed', 周四: 'thu', 周五: 'fri', 周六: 'sat' };
const UNIT_BY_ZH = new Map(Object.entries(UNIT_NAME_ZH).map(([unit, zh]) => [zh, unit]));

const DaySchema = z.preprocess((v) => (typeof v === 'string' ? (DAY_ZH[v] ?? v.toLowerCase()) : v), z.enum(DAYS, { error: 'a weekday: mon … sun or 周一 … 周日' }));
const DutyUnitSchema = z.preprocess((v) => (typeof v === 'string' ? (UNIT_BY_ZH.get(v) ?? v) : v), UnitSchema);
const DateSchema = z.iso.date({ error: 'a date such as 2026-12-24' });
/** "22:00"; "24:00" ends a shift at midnight. */
const TimeSchema = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time of day such as 22:00 (24:00 for midnight at the end)');

export const ShiftSchema = z
  .strictObject({
    /** A staff member's name as in `staff:` in the config, or platform:id. */
    staff: z.string().min(1),
    /** The units whose reminders they take; without it, their own unit. */
    units: z.array(DutyUnitSchema).min(1).optional(),
    /** The weekdays the shift starts on. */
    days: z.array(DaySchema).min(1).optional(),
    /** Single dates the shift starts on (a swap, a holiday). */
    dates: z.array(DateSchema).min(1).optional(),
    from: TimeSchema,
    /** Earlier than `from`: the shift runs past midnight into the next day. */
    to: TimeSchema,
  })
  .superRefine((shift, ctx) => {
    if (!shift.days && !shift.dates) ctx.addIssue({ code: 'custom', path: ['days'], message: 'say when: days (e.g. [sat, sun]) or dates (e.g. [2026-12-24])' });
    if (shift.from === shift.to || (shift.from === '00:00' && shift.to === '24:00' ? false : shift.from === '24:00')) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `a shift from ${shift.from} to ${shift.to} has no length (a whole day is 00:00 to 24:00)` });
    }
  });

export const DutyRosterFileSchema = z.strictObject({ shifts: z.array(ShiftSchema).default([]) });

/** One shift with its people resolved against the config. */
export interface DutyShift {
  staff: StaffConfig[];
  units: Unit[];
  days: ReadonlySet<number>;
  dates: ReadonlySet<string>;
  /** Minutes since midnight; `to` ≤ `from` means the next day. */
  from: number;
  to: number;
}

export interface DutyRoster {
  file?: string;
  shifts: DutyShift[];
}

export const EMPTY_ROSTER: DutyRoster = { shifts: [] };

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Parses and checks a roster file's text against the config's staff; throws ConfigError naming the file and field. */
export function parseDutyRoster(text: string, file: string, config: Pick<Config, 'staff'>): DutyRoster {
  let raw: unknown;
  try {
    raw = parseYamlText(text);
  } catch (error) {
    if (error instanceof YamlTextError) throw new ConfigError(file, [error.aliasBomb ? error.message : `not valid YAML: ${error.message.split('\n')[0]}`]);
    throw error;
  }
  const parsed = DutyRosterFileSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new ConfigError(file, formatZodIssues(parsed.error));
  const problems: string[] = [];
  const known = [...new Set(config.staff.map((s) => s.name))].join('、') || '无';
  const shifts = parsed.data.shifts.map((shift, i): DutyShift => {
    const staff = config.staff.filter((s) => s.name === shift.staff || `${s.platform}:${s.id}` === shift.staff);
    if (staff.length === 0) problems.push(`shifts[${i}].staff: unknown staff "${shift.staff}" (known: ${known})`);
    const units = shift.units ?? [...new Set(staff.map((s) => s.unit))];
    return {
      staff,
      units,
      days: new Set((shift.days ?? []).map((d) => DAYS.indexOf(d))),
      dates: new Set(shift.dates ?? []),
      from: minutes(shift.from),
      to: minutes(shift.to),
    };
  });
  if (problems.length > 0) throw new ConfigError(file, problems);
  return { file, shifts };
}

/** YYYY-MM-DD and weekday of a civil date given as UTC fields (days may overflow: day 0 is the previous month's last). */
function civil(year: number, month: number, day: number): { date: string; weekday: number } {
  const d = new Date(Date.UTC(year, month - 1, day));
  return { date: d.toISOString().slice(0, 10), weekday: d.getUTCDay() };
}

function startsOn(shift: DutyShift, day: { date: string; weekday: number }): boolean {
  return shift.dates.has(day.date) || shift.days.has(day.weekday);
}

/**
 * The staff on duty for `unit` in `estate` at `now`: a shift started today and not yet over, or one started yesterday
 * that runs past midnight. Staff of another estate never cover this one (staff act only within their estate).
 */
export function onDuty(roster: DutyRoster, unit: Unit, estate: string, now: Date, timezone: string): StaffConfig[] {
  const p = zonedParts(now, timezone);
  const at = p.hour * 60 + p.minute;
  const today = civil(p.year, p.month, p.day);
  const yesterday = civil(p.year, p.month, p.day - 1);
  const out: StaffConfig[] = [];
  for (const shift of roster.shifts) {
    if (!shift.units.includes(unit)) continue;
    const overnight = shift.to <= shift.from;
    const on = (startsOn(shift, today) && at >= shift.from && (overnight || at < shift.to)) || (overnight && startsOn(shift, yesterday) && at < shift.to);
    if (!on) continue;
    for (const member of shift.staff) {
      if (member.estate !== undefined && member.estate !== estate) continue;
      if (!out.includes(member)) out.push(member);
    }
  }
  return out;
}
