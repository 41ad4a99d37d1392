import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { issueLoginLink } from '../src/access/login-links.ts';
import { digestText } from '../src/reports/digest.ts';
import { exportLedger, type ExportFormat, LEDGER_BY_NAME, type LedgerName } from '../src/reports/ledger-export.ts';
import { monthlyText } from '../src/reports/monthly.ts';
import { monthOf, parseMonth } from '../src/zoned-time.ts';
import type { WebDeps } from './deps.ts';

/** Routes for the command line (src/access/control-file.ts), answered only with the secret of the control file. */
export function controlRoutes(deps: WebDeps, secret: string, options: { console: boolean } = { console: true }): Hono {
  const app = new Hono();
  const expected = Buffer.from(`Bearer ${secret}`);
  app.use('*', async (c, next) => {
    const given = Buffer.from(c.req.header('authorization') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return c.json({ error: 'unauthorised' }, 401);
    await next();
  });
  const reportDeps = { store: deps.store, config: deps.config, clock: deps.clock, ...(deps.platforms && { platforms: deps.platforms }) };

  app.post('/web-link', async (c) => {
    // A link to a console that is not running would only disappoint.
    if (!options.console) return c.json({ error: 'the office console is off (web.port 0 or its port was taken): set web.port or HUIYIN_WEB_PORT and restart the bot' }, 409);
    const { staff: name } = (await c.req.json().catch(() => ({}))) as { staff?: unknown };
    const member = deps.config.staff.find((s) => s.name === name || `${s.platform}:${s.id}` === name);
    if (!member) return c.json({ error: `no staff member "${String(name)}" (known: ${deps.config.staff.map((s) => s.name).join(', ')})` }, 404);
    const link = await issueLoginLink({ store: deps.store, clock: deps.clock, web: deps.config.web }, member);
    deps.log(`web login link issued to ${member.platform}:${member.id} (${member.name}) from the command line`);
    return c.json({ url: link.url, expiresAt: link.expiresAt.toISOString(), staff: member.name });
  });

  app.get('/export', async (c) => {
    const ledger = c.req.query('ledger') as LedgerName;
    const format = c.req.query('format') as ExportFormat;
    const month = parseMonth(c.req.query('month') ?? '') ?? monthOf(deps.clock.now(), deps.config.timezone);
    const estate = c.req.query('estate');
    if (!(ledger in LEDGER_BY_NAME) || (format !== 'csv' && format !== 'xlsx')) return c.json({ error: 'bad ledger or format' }, 400);
    const result = await exportLedger(deps.store, deps.config, deps.clock.now(), { ledger, format, month, ...(estate && { estate }) });
    return c.body(new Uint8Array(result.content), 200, { 'x-huiyin-rows': String(result.rows), 'x-huiyin-file': encodeURIComponent(result.fileName) });
  });

  app.get('/report', async (c) => {
    const kind = c.req.query('kind');
    const estate = c.req.query('estate') || undefined;
    if (kind === 'daily') return c.text(await digestText(reportDeps, estate, { today: c.req.query('date') === 'today' }));
    if (kind === 'monthly') {
      const month = parseMonth(c.req.query('month') ?? '') ?? monthOf(deps.clock.now(), deps.config.timezone, -1);
      return c.text(await monthlyText(reportDeps, month, estate));
    }
    return c.json({ error: 'kind must be daily or monthly' }, 400);
  });
  return app;
}
