/**
 * The monthly analysis as a picture (issue 21): Apache ECharts renders the chart to SVG on the server (no browser),
 * and resvg turns it into a PNG for chats, with a CJK font from the machine (Debian's fonts-noto-cjk, installed by
 * .ci/run; `HUIYIN_CJK_FONT` names another file). The office console shows the same SVG.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EChartsCoreOption } from 'echarts';
import { UNIT_NAME_ZH } from '../domain/category.ts';
import { LEDGER_NAME_ZH } from '../domain/ledger.ts';
import type { TimelyRate } from '../domain/timeliness.ts';
import type { MonthlyView } from './monthly-chart-data.ts';

/** Where Debian, Ubuntu, Fedora and Arch put Noto Sans CJK. */
const FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc',
];
const FONT_FAMILY = 'Noto Sans CJK SC';

export function cjkFontFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env.HUIYIN_CJK_FONT;
  if (named) return existsSync(named) ? named : undefined;
  return FONT_CANDIDATES.find((f) => existsSync(f));
}

const percent = (r: TimelyRate) => (r.percent === null ? null : r.percent);
const counted = <K>(list: Array<[K, TimelyRate]>) => list.filter(([, r]) => r.total > 0);

/**
 * One picture, four panels: timely rate per ledger and per unit/handler, the month-on-month rate, and the volume
 * per category. Empty panels say so instead of drawing nothing.
 */
export function monthlyChartOption(data: MonthlyView): EChartsCoreOption {
  const a = data.analysis;
  const ledgers = counted(a.byLedger).map(([l, r]) => [LEDGER_NAME_ZH[l], r] as const);
  const people = [
    ...counted(a.byUnit).map(([u, r]) => [UNIT_NAME_ZH[u], r] as const),
    ...counted(a.byHandler)
      .slice(0, 6)
      .map(([h, r]) => [h, r] as const),
  ];
  const volume = data.volumeByCategory;
  const grids = [
    { left: 60, top: 90, width: 380, height: 200 },
    { left: 560, top: 90, width: 380, height: 200 },
    { left: 60, top: 410, width: 380, height: 200 },
    { left: 560, top: 410, width: 380, height: 200 },
  ];
  const titles = ['分台账及时率(%)', '近几个月及时率(%)', '分部门、处理人及时率(%)', '分类别件数'];
  const label = { show: true, position: 'top' as const, fontSize: 12 };
  const empty = (i: number, has: boolean) =>
    has ? [] : [{ type: 'text', left: grids[i]!.left + 150, top: grids[i]!.top + 100, style: { text: '本月暂无数据', fontSize: 14, fill: '#999' } }];
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: `${FONT_FAMILY}, sans-serif` },
    color: ['#2f5d8a', '#c0504d', '#4f9a5e', '#e0a030'],
    title: [
      { text: `${a.estateName} ${a.month} 服务及时率分析`, left: 'center', top: 8, textStyle: { fontSize: 20 } },
      ...titles.map((text, i) => ({ text, left: grids[i]!.left, top: grids[i]!.top - 48, textStyle: { fontSize: 14 } })),
    ],
    graphic: [...empty(0, ledgers.length > 0), ...empty(2, people.length > 0), ...empty(3, volume.length > 0)],
    grid: grids,
    xAxis: [
      { gridIndex: 0, type: 'category', data: ledgers.map(([n]) => n) },
      { gridIndex: 1, type: 'category', data: data.trend.map(([m]) => m) },
      { gridIndex: 2, type: 'category', data: people.map(([n]) => n), axisLabel: { interval: 0, rotate: people.length > 5 ? 30 : 0 } },
      { gridIndex: 3, type: 'category', data: volume.map(([n]) => n), axisLabel: { interval: 0 } },
    ],
    yAxis: [
      { gridIndex: 0, type: 'value', min: 0, max: 100 },
      { gridIndex: 1, type: 'value', min: 0, max: 100 },
      { gridIndex: 2, type: 'value', min: 0, max: 100 },
      { gridIndex: 3, type: 'value', minInterval: 1 },
    ],
    series: [
      { type: 'bar', xAxisIndex: 0, yAxisIndex: 0, barMaxWidth: 48, label, data: ledgers.map(([, r]) => percent(r)) },
      { type: 'line', xAxisIndex: 1, yAxisIndex: 1, label, connectNulls: true, data: data.trend.map(([, r]) => percent(r)) },
      { type: 'bar', xAxisIndex: 2, yAxisIndex: 2, barMaxWidth: 36, label, data: people.map(([, r]) => percent(r)) },
      { type: 'bar', xAxisIndex: 3, yAxisIndex: 3, barMaxWidth: 36, label, data: volume.map(([, n]) => n) },
    ],
  };
}

export const CHART_SIZE = { width: 1000, height: 660 } as const;

/** The chart as an SVG document, rendered on the server. ECharts is loaded on first use: it takes seconds to import. */
export async function renderChartSvg(option: EChartsCoreOption, size: { width: number; height: number } = CHART_SIZE): Promise<string> {
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** SVG → PNG at twice the size, for sharp text on phones. Throws when no CJK font is installed: tofu helps nobody. */
export async function svgToPng(svg: string, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const font = cjkFontFile(env);
  if (!font) throw new Error('no CJK font found for chart pictures: install fonts-noto-cjk (apt-get install fonts-noto-cjk) or set HUIYIN_CJK_FONT to a .ttc/.otf file');
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: 2 },
    font: { fontFiles: [font], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  });
  return resvg.render().asPng();
}

/** Writes the month's chart picture under `dir` and returns its path (the outbox keeps paths, not bytes). */
export async function writeMonthlyChartPng(data: MonthlyView, dir: string, name: string): Promise<string> {
  const png = await svgToPng(await renderChartSvg(monthlyChartOption(data)));
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await writeFile(file, png);
  return file;
}
