/**
 * The deadline and the audit trail of its moves as staff read them in 查 (issue 24; docs/timeliness.md D1–D5): the
 * deadline in force and where it comes from, then each 预约/承诺 that moved it, with when, who, from → to, why and the
 * clause. A move made after the deadline had passed is shown as not counting (D5).
 */
import type { DeadlineMove, Timeliness } from '../domain/timeliness.ts';
import type { Category } from '../domain/category.ts';
import { visitClause } from '../domain/timeliness.ts';
import { formatTime } from '../templates.ts';

function sourceText(j: Timeliness, resolutionHours: number, category: Category): string {
  switch (j.source) {
    case 'appointment':
      return `业主预约时间(制度${visitClause(category)})`;
    case 'promised':
      return '告知业主的解决时间(制度5.2)';
    default:
      return `受理后${resolutionHours}小时(制度5.2)`;
  }
}

/** 期限 says the times are the deadline's: "预约 18:00→16:00" read as the appointment moving, which was at 14:00. */
function moveLine(m: DeadlineMove, tz: string, category: Category): string {
  const what = m.kind === 'appointment' ? '预约' : '承诺';
  const clause = m.kind === 'appointment' ? `制度${visitClause(category)}` : '制度5.2';
  return (
    `  ${formatTime(m.at, tz)} ${m.by.name} ${what},期限 ${formatTime(m.from, tz)}→${formatTime(m.to, tz)} 原因:${m.reason ?? '未注明'}(${clause})` +
    (m.counts ? '' : ' 已超时后变更,不改变及时性(制度5.3)')
  );
}

export const deadlineTrailT = {
  lines: (j: Timeliness, resolutionHours: number, tz: string, category: Category): string[] => [
    `时限:${formatTime(j.deadline, tz)} · ${sourceText(j, resolutionHours, category)}${j.target !== j.deadline ? ` · 现定 ${formatTime(j.target, tz)}` : ''}`,
    ...(j.moves.length > 0 ? [`时限变更 ${j.moves.length} 次:`, ...j.moves.map((m) => moveLine(m, tz, category))] : []),
  ],
};
