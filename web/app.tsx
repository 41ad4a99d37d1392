/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/**
 * The office console (issue 21): Hono routes rendering server-side JSX pages. Every page and download needs a
 * session; every POST needs the page's CSRF token and a same-origin Origin header; logins are rate-limited.
 */
import { readFileSync } from 'node:fs';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { rateLimiter } from 'hono-rate-limiter';
import { redeemLoginLink } from '../src/access/login-links.ts';
import { parseTicketNumber } from '../src/domain/ticket-number.ts';
import { ticketTimeliness } from '../src/reports/analysis.ts';
import { cjkFontFile, renderChartSvg, svgToPng, monthlyChartOption } from '../src/reports/charts.ts';
import { computeDigest } from '../src/reports/digest.ts';
import { exportLedger, LEDGER_BY_NAME, type LedgerName, ledgerTable } from '../src/reports/ledger-export.ts';
import { monthlyView } from '../src/reports/monthly-chart-data.ts';
import { type MonthId, monthOf, parseMonth } from '../src/zoned-time.ts';
import { maskPhone } from '../src/domain/people.ts';
import { commandFor, runAsStaff } from './actions.ts';
import { BoardFilterSchema, boardRows } from './board-data.ts';
import type { WebDeps } from './deps.ts';
import { canSee, chosenEstate } from './scope.ts';
import { closeSession, csrfMatches, openSession, readSession, type Session, setFlash, takeFlash } from './session.ts';
import { BoardPage } from './views/board.tsx';
import { DigestPage } from './views/digest.tsx';
import { LedgerPage } from './views/ledgers.tsx';
import { LoginPage, NotFoundPage, UnavailablePage } from './views/login.tsx';
import { CHART_PICTURE_UNAVAILABLE, MonthlyPage } from './views/monthly.tsx';
import { TicketPage } from './views/ticket.tsx';
import { projectPath } from '../src/paths.ts';

type Env = { Variables: { session: Session } };

const STATIC: Record<string, [string, string]> = {
  'style.css': ['text/css; charset=utf-8', readFileSync(projectPath('web/public/style.css'), 'utf8')],
  'app.js': ['text/javascript; charset=utf-8', readFileSync(projectPath('web/public/app.js'), 'utf8')],
};

/** Logins allowed per address per quarter hour: enough for a person, too few to guess a token. */
export const LOGIN_LIMIT = 10;

export function createWebApp(deps: WebDeps): Hono<Env> {
  const app = new Hono<Env>();
  const tz = deps.config.timezone;
  const allowedOrigins = deps.config.web.publicUrl ? [new URL(deps.config.web.publicUrl).origin] : [];

  app.use(secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'", "'unsafe-inline'"] } }));
  // Cross-site form posts are refused before any handler runs (Origin / Sec-Fetch-Site); the forms' tokens follow.
  app.use(csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || allowedOrigins.includes(origin) }));

  app.get('/static/:file', (c) => {
    const file = STATIC[c.req.param('file')];
    if (!file) return c.notFound();
    return c.body(file[1], 200, { 'content-type': file[0], 'cache-control': 'max-age=300' });
  });

  app.get('/login', (c) => c.html(<LoginPage token={c.req.query('token') ?? ''} />));
  app.post(
    '/login',
    rateLimiter<Env>({
      windowMs: 15 * 60_000,
      limit: LOGIN_LIMIT,
      keyGenerator: (c) => getConnInfo(c).remote.address ?? 'unknown',
      handler: (c) => c.html(<LoginPage error="登录尝试过于频繁,请15分钟后再试。" />, 429),
    }),
    async (c) => {
      const body = await c.req.parseBody();
      const staff = await redeemLoginLink(deps, typeof body.token === 'string' ? body.token : '');
      if (!staff || !deps.directory.staffMember(staff.platform, staff.id)) {
        return c.html(<LoginPage error="链接无效、已用过或已过期。请在私聊中重新发送「后台」获取新链接。" />, 401);
      }
      await openSession(c, deps, staff);
      deps.log(`web: ${staff.platform}:${staff.id} logged in`);
      return c.redirect('/', 303);
    },
  );

  // Everything below needs a session: without one, no page, file or picture holds ticket data.
  app.use('*', async (c, next) => {
    const session = await readSession(c, deps);
    if (!session) {
      if (c.req.method === 'GET' && c.req.header('accept')?.includes('text/html')) return c.redirect('/login', 302);
      return c.text('需要登录', 401);
    }
    c.set('session', session);
    if (c.req.method === 'POST') {
      const body = await c.req.parseBody();
      if (!csrfMatches(session, body._csrf)) return c.text('页面已过期,请刷新后重试', 403);
    }
    await next();
  });

  const common = async (c: Context<Env>) => {
    const session = c.get('session');
    const estate = session.staff.estate ? deps.config.estates.find((e) => e.id === session.staff.estate)?.name : undefined;
    return { staff: session.staff, config: deps.config, csrf: session.record.csrf, flash: await takeFlash(deps, session), ...(estate && { estateName: estate }) };
  };
  const months = (): MonthId[] => Array.from({ length: 13 }, (_, i) => monthOf(deps.clock.now(), tz, -i));
  const monthParam = (c: Context<Env>, fallbackShift: number): MonthId => parseMonth(c.req.query('month') ?? '') ?? monthOf(deps.clock.now(), tz, fallbackShift);
  const estateParam = (c: Context<Env>) => chosenEstate(c.get('session').staff, deps.config, c.req.query('estate') || undefined);

  app.post('/logout', async (c) => {
    await closeSession(c, deps, c.get('session'));
    return c.redirect('/login', 303);
  });

  app.get('/', async (c) => {
    const filter = BoardFilterSchema.parse(c.req.query());
    const rows = await boardRows(deps.store, deps.config, deps.clock.now(), c.get('session').staff, filter);
    return c.html(<BoardPage {...await common(c)} filter={filter} rows={rows} />);
  });

  app.get('/tickets/:number', async (c) => {
    const number = parseTicketNumber(c.req.param('number'));
    const ticket = number && (await deps.store.getTicket(number));
    // A ticket of another estate is answered exactly like one that does not exist.
    if (!ticket || !canSee(c.get('session').staff, ticket)) return c.html(<NotFoundPage text={`没有找到工单 ${c.req.param('number')}。`} />, 404);
    const timeliness = ticketTimeliness(ticket, deps.clock.now(), deps.config);
    const props = await common(c);
    return c.html(<TicketPage {...props} csrf={props.csrf} ticket={ticket} timeliness={timeliness} />);
  });

  app.post('/tickets/:number/actions', async (c) => {
    const session = c.get('session');
    const number = parseTicketNumber(c.req.param('number'));
    const before = number && (await deps.store.getTicket(number));
    if (!number || !before || !canSee(session.staff, before)) return c.html(<NotFoundPage text="没有找到这个工单。" />, 404);
    const command = commandFor(number, await c.req.parseBody());
    if ('error' in command) {
      await setFlash(deps, session, { kind: 'error', text: command.error });
    } else {
      const answer = await runAsStaff(deps, session.staff, command.text);
      const after = await deps.store.getTicket(number);
      const changed = (after?.history.length ?? 0) > before.history.length;
      await setFlash(deps, session, { kind: changed ? 'ok' : 'error', text: answer || '没有变化。' });
    }
    return c.redirect(`/tickets/${number}`, 303);
  });

  app.get('/ledgers/:ledger', async (c) => {
    const ledger = c.req.param('ledger') as LedgerName;
    if (!(ledger in LEDGER_BY_NAME)) return c.html(<NotFoundPage text="没有这个台账。" />, 404);
    const month = monthParam(c, 0);
    const estate = estateParam(c);
    const rows = await ledgerTable(deps.store, deps.config, deps.clock.now(), LEDGER_BY_NAME[ledger], month, estate);
    const phone = rows[0]?.indexOf('电话') ?? -1;
    // The page is for reading over a shoulder: phones masked here; the downloaded form carries them in full.
    const shown = rows.map((row, i) => (i === 0 || phone < 0 || !row[phone] ? row : row.map((v, k) => (k === phone ? maskPhone(v) : v))));
    return c.html(<LedgerPage {...await common(c)} ledger={ledger} month={month} months={months()} estate={estate} rows={shown} />);
  });

  app.get('/ledgers/:ledger/download', async (c) => {
    const ledger = c.req.param('ledger') as LedgerName;
    const format = c.req.query('format') === 'csv' ? 'csv' : 'xlsx';
    if (!(ledger in LEDGER_BY_NAME)) return c.text('没有这个台账', 404);
    const estate = estateParam(c);
    const result = await exportLedger(deps.store, deps.config, deps.clock.now(), { ledger, format, month: monthParam(c, 0), ...(estate !== undefined && { estate }) });
    deps.log(`web: ${c.get('session').staff.name} downloaded ${result.fileName} (${result.rows} rows)`);
    return c.body(new Uint8Array(result.content), 200, {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(result.fileName)}`,
    });
  });

  app.get('/digest', async (c) => {
    const estate = estateParam(c);
    const digest = await computeDigest(deps.store, deps.config, deps.clock.now(), estate, { today: c.req.query('day') === 'today' });
    return c.html(<DigestPage {...await common(c)} digest={digest} estate={estate} />);
  });

  const view = (c: Context<Env>) => monthlyView({ store: deps.store, config: deps.config, now: deps.clock.now() }, monthParam(c, -1), estateParam(c));

  app.get('/monthly', async (c) => {
    const v = await view(c);
    // The month in progress is on offer too: the office watches it build up.
    return c.html(<MonthlyPage {...await common(c)} view={v} svg={await renderChartSvg(monthlyChartOption(v))} months={months()} estate={estateParam(c)} pictureReady={cjkFontFile() !== undefined} />);
  });

  app.get('/monthly/chart.png', async (c) => {
    if (!cjkFontFile()) return c.html(<UnavailablePage title="图表图片暂不能下载" text={CHART_PICTURE_UNAVAILABLE} />, 503);
    const v = await view(c);
    const png = await svgToPng(await renderChartSvg(monthlyChartOption(v)));
    return c.body(new Uint8Array(png), 200, {
      'content-type': 'image/png',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`月度分析-${v.analysis.month}.png`)}`,
    });
  });

  app.notFound((c) => c.html(<NotFoundPage text="没有这个页面。" />, 404));
  app.onError((error, c) => {
    // Refusals from middleware (the Origin check) are answers, not failures.
    if (error instanceof HTTPException) return error.getResponse();
    deps.log(`web: ${c.req.method} ${c.req.path} failed: ${error.stack ?? error}`);
    return c.text('抱歉,出了点问题,已记录。', 500);
  });
  return app;
}
