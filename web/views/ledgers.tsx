/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Config, StaffConfig } from '../../src/config/schema.ts';
import type { LedgerName } from '../../src/reports/ledger-export.ts';
import { TEXT_COLUMNS } from '../../src/reports/ledger-columns.ts';
import { visibleEstates } from '../scope.ts';
import { Page, type PageProps } from './layout.tsx';

export const LEDGER_TABS: Array<[LedgerName, string, string]> = [
  ['repair', '维修服务通知单', '制度6.1'],
  ['complaint', '投诉记录表', '制度6.3'],
  ['duty', '值班记录本', '制度6.2'],
];

/** The month's ledger as the paper form's table, with the same file the CLI exports a click away. */
export function LedgerPage(
  props: Omit<PageProps, 'title' | 'tab' | 'children'> & {
    staff: StaffConfig;
    config: Config;
    ledger: LedgerName;
    month: string;
    months: string[];
    estate: string | undefined;
    rows: string[][];
  },
) {
  const [header = [], ...body] = props.rows;
  const estates = visibleEstates(props.staff, props.config);
  const query = `month=${props.month}${props.estate ? `&estate=${props.estate}` : ''}`;
  const title = LEDGER_TABS.find(([id]) => id === props.ledger)?.[1] ?? '';
  return (
    <Page {...props} title={title} tab="ledgers">
      <nav class="subtabs">
        {LEDGER_TABS.map(([id, name, clause]) => (
          <a href={`/ledgers/${id}?${query}`} class={id === props.ledger ? 'on' : ''}>
            {name} <small>{clause}</small>
          </a>
        ))}
      </nav>
      <form method="get" class="filters">
        <select name="month" data-autosubmit>
          {props.months.map((m) => (
            <option value={m} selected={m === props.month}>
              {m.replace('-', '年')}月
            </option>
          ))}
        </select>
        {estates.length > 1 && (
          <select name="estate" data-autosubmit>
            <option value="">全部小区</option>
            {estates.map((e) => (
              <option value={e.id} selected={e.id === props.estate}>
                {e.name}
              </option>
            ))}
          </select>
        )}
        <button type="submit">查看</button>
        <span class="spacer" />
        <a class="button" href={`/ledgers/${props.ledger}/download?${query}&format=xlsx`} download>
          下载 Excel
        </a>
        <a class="button" href={`/ledgers/${props.ledger}/download?${query}&format=csv`} download>
          下载 CSV
        </a>
      </form>
      <h1>
        {title} <small>{props.month} · 共 {body.length} 条</small>
      </h1>
      <div class="scroll">
        <table class="grid ledger">
          <thead>
            <tr>
              {header.map((h) => (
                <th>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.length === 0 && (
              <tr>
                <td colspan={header.length} class="empty">
                  本月没有记录。
                </td>
              </tr>
            )}
            {body.map((row) => (
              <tr>
                {row.map((cell, i) => (
                  <td class={TEXT_COLUMNS.has(header[i] ?? '') ? 'text' : ''}>
                    {i === 0 ? <a href={`/tickets/${cell}`}>{cell}</a> : cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted small">页面上电话隐去中间四位;下载的台账与纸质表格一致,含完整电话,请妥善保管。</p>
    </Page>
  );
}
