/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { StaffConfig } from '../../src/config/schema.ts';
import { UNIT_NAME_ZH } from '../../src/domain/category.ts';

const ROLE_ZH: Record<StaffConfig['role'], string> = { handler: '处理人', clerk: '文员', head: '主任', manager: '公司领导' };

/** 工程班处理人, 管理处文员, 管理处主任, 公司领导: the unit, and the role where the unit's name does not say it. */
function position(staff: StaffConfig): string {
  const unit = UNIT_NAME_ZH[staff.unit];
  const role = ROLE_ZH[staff.role];
  return unit.endsWith(role) ? unit : `${unit}${role}`;
}

export type Tab = 'board' | 'ledgers' | 'digest' | 'monthly' | 'none';

const TABS: Array<[Exclude<Tab, 'none'>, string, string]> = [
  ['board', '/', '待办看板'],
  ['ledgers', '/ledgers/repair', '台账'],
  ['digest', '/digest', '每日简报'],
  ['monthly', '/monthly', '月度分析'],
];

export interface PageProps {
  title: string;
  tab: Tab;
  staff?: StaffConfig;
  estateName?: string;
  csrf?: string;
  flash?: { kind: 'ok' | 'error'; text: string } | undefined;
  children?: Child;
}

/** Every page: the header with the person and their part, the tabs, a one-shot message, the content. */
export function Page(props: PageProps) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} · 回音物业服务后台</title>
        <link rel="stylesheet" href="/static/style.css" />
        <script src="/static/app.js" defer></script>
      </head>
      <body>
        <header class="top">
          <div class="brand">
            回音 <span>物业服务后台</span>
          </div>
          {props.staff && (
            <nav>
              {TABS.map(([id, href, label]) => (
                <a href={href} class={id === props.tab ? 'on' : ''}>
                  {label}
                </a>
              ))}
            </nav>
          )}
          {props.staff && (
            <div class="who">
              {props.staff.name} · {position(props.staff)} · {props.estateName ?? '全部小区'}
              <form method="post" action="/logout" class="inline">
                <input type="hidden" name="_csrf" value={props.csrf ?? ''} />
                <button type="submit" class="link">退出</button>
              </form>
            </div>
          )}
        </header>
        <main>
          {props.flash && <p class={`flash ${props.flash.kind}`}>{props.flash.text}</p>}
          {props.children}
        </main>
        <footer>事事有着落,件件有回音 · 依据《家园便民服务制度》</footer>
      </body>
    </html>
  );
}
