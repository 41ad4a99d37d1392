/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Config, StaffConfig } from '../../src/config/schema.ts';
import { CATEGORY_NAME_ZH } from '../../src/domain/category.ts';
import { LEDGER_NAME_ZH } from '../../src/domain/ledger.ts';
import type { Ticket } from '../../src/domain/ticket.ts';
import type { DigestData } from '../../src/reports/digest.ts';
import { rateText } from '../../src/reports/templates.ts';
import { visibleEstates } from '../scope.ts';
import { when } from './format.ts';
import { Page, type PageProps } from './layout.tsx';

function TicketList(props: { title: string; tickets: Ticket[]; timezone: string; deadline?: Map<string, string>; tone?: string }) {
  if (props.tickets.length === 0) return <></>;
  return (
    <section class={`card ${props.tone ?? ''}`}>
      <h2>
        {props.title} <small>{props.tickets.length} 件</small>
      </h2>
      <ul class="tickets">
        {props.tickets.map((t) => (
          <li>
            <a href={`/tickets/${t.number}`}>{t.number}</a> {t.location?.text ?? ''} {t.description} ·{' '}
            <span class="muted">{t.handler?.name ?? '无人接单'}</span>
            {props.deadline?.get(t.number) && <span class="bad"> · 应于 {when(props.deadline.get(t.number), props.timezone)} 完成</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The daily digest the managers' chat gets at 18:00, as a page that is current whenever it is opened. */
export function DigestPage(props: Omit<PageProps, 'title' | 'tab' | 'children'> & { staff: StaffConfig; config: Config; digest: DigestData; estate: string | undefined; offline?: string }) {
  const d = props.digest;
  const tz = props.config.timezone;
  const estates = visibleEstates(props.staff, props.config);
  const nothing = [d.overdue.length, d.dueToday.length, d.flagged.length, d.unhappy.length, d.silent.length, d.unrated.length].every((n) => n === 0);
  return (
    <Page {...props} title="每日简报" tab="digest">
      {estates.length > 1 && (
        <form method="get" class="filters">
          <select name="estate" data-autosubmit>
            <option value="">全部小区</option>
            {estates.map((e) => (
              <option value={e.id} selected={e.id === props.estate}>
                {e.name}
              </option>
            ))}
          </select>
          <button type="submit">查看</button>
        </form>
      )}
      <h1>
        {d.estateName} 每日简报 <small>{d.day} 新增及当前在办</small>
      </h1>
      {/* The page showed only the day that ended; 日报 in chat and the evening digest give today so far. */}
      <p class="small">
        {d.today ? <a href={`/digest${props.estate ? `?estate=${props.estate}` : ''}`}>看昨日</a> : <a href={`/digest?day=today${props.estate ? `&estate=${props.estate}` : ''}`}>看今日截至现在</a>}
      </p>
      <div class="summary">
        <div>
          <b>{d.newTotal}</b>
          {d.today ? '件今日新增' : '件昨日新增'}
          <small>{d.newByCategory.map(([c, n]) => `${CATEGORY_NAME_ZH[c]} ${n}`).join(' · ')}</small>
        </div>
        <div>
          <b>{d.open}</b>件在办
        </div>
        <div class={d.overdue.length ? 'bad' : ''}>
          <b>{d.overdue.length}</b>件超时
        </div>
        <div class={d.dueToday.length ? 'warn' : ''}>
          <b>{d.dueToday.length}</b>件今日到期
        </div>
        <div>
          <b>{d.unrated.length}</b>件待评价
        </div>
      </div>
      <TicketList
        title="超时"
        tone="bad"
        tickets={d.overdue.map((o) => o.ticket)}
        timezone={tz}
        deadline={new Map(d.overdue.map((o) => [o.ticket.number, o.deadline]))}
      />
      <TicketList title="今日到期" tickets={d.dueToday} timezone={tz} />
      <TicketList title="有效投诉 4.3.1.5(催办两次无进展)" tone="bad" tickets={d.flagged} timezone={tz} />
      <TicketList title="业主不满意" tone="bad" tickets={d.unhappy} timezone={tz} />
      <TicketList title="超24小时未回音" tickets={d.silent} timezone={tz} />
      <TicketList title="待评价" tickets={d.unrated} timezone={tz} />
      {nothing && <p class="card">没有超时、到期或需要跟进的事项。</p>}
      <section class="card">
        <h2>本月及时率</h2>
        <ul>
          {d.timely.map(([l, r]) => (
            <li>
              {LEDGER_NAME_ZH[l]}:{rateText(r)}
            </li>
          ))}
        </ul>
        {props.offline && <p class="warn">{props.offline}</p>}
      </section>
    </Page>
  );
}
