/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Config, StaffConfig } from '../../src/config/schema.ts';
import { CATEGORY_NAME_ZH, UNIT_NAME_ZH, UnitSchema } from '../../src/domain/category.ts';
import { STATUS_NAME_ZH } from '../../src/domain/ticket.ts';
import { type BoardFilter, type BoardRow, isUrgent } from '../board-data.ts';
import { visibleEstates } from '../scope.ts';
import { TIMELY_LABEL, when } from './format.ts';
import { Page, type PageProps } from './layout.tsx';

const LEDGER_OPTIONS: Array<[string, string]> = [
  ['repair', '维修服务通知单'],
  ['complaint', '投诉记录表'],
  ['duty', '值班记录本'],
];

function Select(props: { name: string; value: string | undefined; options: Array<[string, string]>; all: string }) {
  return (
    <select name={props.name} data-autosubmit>
      <option value="">{props.all}</option>
      {props.options.map(([v, label]) => (
        <option value={v} selected={v === props.value}>
          {label}
        </option>
      ))}
    </select>
  );
}

export function BoardPage(props: Omit<PageProps, 'title' | 'tab' | 'children'> & { staff: StaffConfig; config: Config; filter: BoardFilter; rows: BoardRow[] }) {
  const { config, filter, rows, staff } = props;
  const estates = visibleEstates(staff, config);
  const handlers = config.staff.filter((s) => !staff.estate || !s.estate || s.estate === staff.estate).map((s) => s.name);
  const overdue = rows.filter((r) => r.status === 'overdue').length;
  const waiting = rows.filter((r) => r.ticket.status === 'open').length;
  const tz = config.timezone;
  return (
    <Page {...props} title="待办看板" tab="board">
      <div class="summary">
        <div>
          <b>{rows.length}</b>件未结
        </div>
        <div class={waiting ? 'warn' : ''}>
          <b>{waiting}</b>件待受理
        </div>
        <div class={overdue ? 'bad' : ''}>
          <b>{overdue}</b>件已超时
        </div>
      </div>
      <form method="get" action="/" class="filters">
        {estates.length > 1 && (
          <Select name="estate" value={filter.estate} all="全部小区" options={estates.map((e) => [e.id, e.name])} />
        )}
        <Select name="ledger" value={filter.ledger} all="全部台账" options={LEDGER_OPTIONS} />
        <Select name="unit" value={filter.unit} all="全部部门" options={UnitSchema.options.map((u) => [u, UNIT_NAME_ZH[u]])} />
        <Select name="handler" value={filter.handler} all="全部处理人" options={[['未接单', '未接单'], ...handlers.map((h) => [h, h] as [string, string])]} />
        <label>
          <input type="checkbox" name="overdue" value="1" checked={filter.overdue === '1'} data-autosubmit /> 只看超时
        </label>
        <label>
          <input type="checkbox" name="urgent" value="1" checked={filter.urgent === '1'} data-autosubmit /> 只看紧急
        </label>
        <button type="submit">筛选</button>
        <a href="/" class="reset">清除</a>
      </form>
      <table class="grid board">
        <thead>
          <tr>
            <th>编号</th>
            <th>受理时间</th>
            <th>类别</th>
            <th>房号/地点</th>
            <th>内容</th>
            <th>责任部门</th>
            <th>处理人</th>
            <th>状态</th>
            <th>完成期限</th>
            <th>及时</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colspan={10} class="empty">
                没有符合条件的未结工单。
              </td>
            </tr>
          )}
          {rows.map(({ ticket, status, deadline }) => (
            <tr class={`${status === 'overdue' ? 'overdue' : ''} ${isUrgent(ticket) ? 'urgent' : ''}`}>
              <td>
                <a href={`/tickets/${ticket.number}`}>{ticket.number}</a>
                {isUrgent(ticket) && <span class="tag red">紧急</span>}
              </td>
              <td>{when(ticket.createdAt, tz)}</td>
              <td>{CATEGORY_NAME_ZH[ticket.category]}</td>
              <td>{ticket.location?.text ?? ticket.owner.room ?? ''}</td>
              <td class="text">{ticket.description}</td>
              <td>{UNIT_NAME_ZH[ticket.unit]}</td>
              <td>{ticket.handler?.name ?? <span class="muted">未接单</span>}</td>
              <td>
                <span class={`status ${ticket.status}`}>{STATUS_NAME_ZH[ticket.status]}</span>
              </td>
              <td>{ticket.status === 'completed' ? '' : when(deadline, tz)}</td>
              <td class={`timely t-${status}`}>{TIMELY_LABEL[status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
