import { formatTime } from '../../src/templates.ts';
import type { TimelinessStatus } from '../../src/domain/timeliness.ts';

/** 11月27日 14:05 in the deployment's timezone; empty for no time. */
export function when(iso: string | undefined, timezone: string): string {
  return iso ? formatTime(iso, timezone) : '';
}

export const TIMELY_LABEL: Record<TimelinessStatus, string> = { timely: '及时', late: '超时完成', overdue: '已超时', pending: '未到期', none: '不计' };
