/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html';
import type { Config, StaffConfig } from '../../src/config/schema.ts';
import { CATEGORY_NAME_ZH, UNIT_NAME_ZH } from '../../src/domain/category.ts';
import { LEDGER_NAME_ZH } from '../../src/domain/ledger.ts';
import type { TimelyRate } from '../../src/domain/timeliness.ts';
import type { MonthlyView } from '../../src/reports/monthly-chart-data.ts';
import { visibleEstates } from '../scope.ts';
import { Page, type PageProps } from './layout.tsx';

const pct = (r: TimelyRate) => (r.percent === null ? '—' : `${r.percent}%`);

function RateTable(props: { title: string; rows: Array<[string, TimelyRate]> }) {
  return (
    <section class="card">
      <h2>{props.title}</h2>
      <table class="grid compact">
        <thead>
          <tr>
            <th></th>
            <th>及时</th>
            <th>已计</th>
            <th>及时率</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 && <EmptyRow columns={4} />}
          {props.rows.map(([name, r]) => (
            <tr>
              <td>{name}</td>
              <td>{r.timely}</td>
              <td>{r.total}</td>
              <td>
                <b>{pct(r)}</b>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Work reopened after it was reported done, with why: the 质量评分 above keeps only each ticket's final rating. */
function ReworkTable(props: { rows: Array<{ number: string; reason: string }> }) {
  return (
    <section class="card">
      <h2>重开返工</h2>
      <table class="grid compact">
        <thead>
          <tr>
            <th>编号</th>
            <th>原因</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 && <EmptyRow columns={2} />}
          {props.rows.map((r) => (
            <tr>
              <td>
                <a href={`/tickets/${r.number}`}>{r.number}</a>
              </td>
              <td>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CountTable(props: { title: string; head: string; rows: Array<[string, number]> }) {
  return (
    <section class="card">
      <h2>{props.title}</h2>
      <table class="grid compact">
        <thead>
          <tr>
            <th>{props.head}</th>
            <th>件数</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 && <EmptyRow columns={2} />}
          {props.rows.map(([k, n]) => (
            <tr>
              <td>{k}</td>
              <td>{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The monthly analysis (policy 5.5) with the chart the managers' chat gets as a picture. */
/**
 * Without a CJK font on the server the picture cannot be drawn; the link used to end on a bare 500 "出了点问题", which
 * no one in the office could act on.
 */
export const CHART_PICTURE_UNAVAILABLE = '图表图片暂不能下载:服务器缺少中文字体,请管理员安装 fonts-noto-cjk 或设置 HUIYIN_CJK_FONT。本页图表不受影响。';

export function MonthlyPage(
  props: Omit<PageProps, 'title' | 'tab' | 'children'> & { staff: StaffConfig; config: Config; view: MonthlyView; svg: string; months: string[]; estate: string | undefined; pictureReady: boolean },
) {
  const a = props.view.analysis;
  const estates = visibleEstates(props.staff, props.config);
  const query = `month=${a.month}${props.estate ? `&estate=${props.estate}` : ''}`;
  const delta = a.overall.percent !== null && a.previous.percent !== null ? Math.round((a.overall.percent - a.previous.percent) * 10) / 10 : null;
  return (
    <Page {...props} title="月度分析" tab="monthly">
      <form method="get" class="filters">
        <select name="month" data-autosubmit>
          {props.months.map((m) => (
            <option value={m} selected={m === a.month}>
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
        {props.pictureReady ? (
          <a class="button" href={`/monthly/chart.png?${query}`} download>
            下载图表(PNG)
          </a>
        ) : (
          <span class="muted small">{CHART_PICTURE_UNAVAILABLE}</span>
        )}
      </form>
      <h1>
        {a.estateName} {a.month.replace('-', '年')}月 服务分析 <small>及时率 = 及时处理数 ÷ 总数 × 100%(制度5.5)</small>
      </h1>
      <div class="summary">
        <div>
          <b>{a.total}</b>件受理
        </div>
        <div>
          <b>{a.completed}</b>件完成
        </div>
        <div>
          <b>{a.inWork}</b>件在办
        </div>
        <div class={a.overall.percent !== null && a.overall.percent < 90 ? 'warn' : ''}>
          <b>{pct(a.overall)}</b>总及时率
          <small>
            {a.overall.timely}/{a.overall.total}
            {delta !== null && `,较上月 ${delta >= 0 ? '+' : ''}${delta}`}
          </small>
        </div>
        {a.autoAnswered > 0 && (
          <div>
            <b>{a.autoAnswered}</b>件自动答复
            <small>咨询由常见问题答复,不计入及时率</small>
          </div>
        )}
        <div>
          <b>{a.satisfaction.count ? a.satisfaction.quality.toFixed(1) : '—'}</b>质量评分
          <small>{a.satisfaction.count} 人评价</small>
        </div>
      </div>
      <figure class="chart card" id="monthly-chart">
        {raw(props.svg)}
      </figure>
      <div class="columns three">
        <RateTable title="分台账" rows={a.byLedger.map(([l, r]) => [LEDGER_NAME_ZH[l], r])} />
        <RateTable title="分部门" rows={a.byUnit.map(([u, r]) => [UNIT_NAME_ZH[u], r])} />
        <RateTable title="分处理人" rows={a.byHandler} />
        <RateTable title="分类别" rows={a.byCategory.map(([c, r]) => [CATEGORY_NAME_ZH[c], r])} />
        <CountTable title="分类别件数" head="类别" rows={props.view.volumeByCategory} />
        <CountTable title="分条款件数" head="条款" rows={props.view.volumeByClause} />
        <RateTable title="逐月及时率" rows={props.view.trend} />
        <CountTable title="投诉类别" head="类别 条款" rows={a.complaintClasses} />
        <CountTable title="重复问题、集中地点" head="问题/地点" rows={[...a.topProblems, ...a.topPlaces]} />
        <ReworkTable rows={a.reworked} />
      </div>
    </Page>
  );
}

/** The row a table shows when it has none. */
function EmptyRow(props: { columns: number }) {
  return (
    <tr>
      <td colspan={props.columns} class="empty">
        暂无
      </td>
    </tr>
  );
}
