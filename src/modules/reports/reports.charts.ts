import type { EChartsCoreOption } from 'echarts';
import { echarts } from '../../heavy-libs.ts';

/**
 * Charts drawn on the server (Apache ECharts, SSR to SVG): a picture without client JavaScript,
 * inline in the page, with the same numbers in a data table under it for screen readers (KWCAG
 * 1.1.1 대체 텍스트, 1.3.1 표의 구성).
 *
 * Our CSP is `style-src 'self'`: inline `style="…"` attributes and `<style>` elements in inline SVG
 * are blocked by the browser. ECharts writes text styles as `style="font-size:12px;font-family:…"`
 * and a `<style>` block with hover rules (no use without JS). `cspSafeSvg` turns each style
 * declaration into the equivalent SVG presentation attribute (font-size="12px" …), which CSP does
 * not govern, and drops the hover block. Text uses the page's 'Pretendard GOV' (served by the app,
 * declared in app.css), so Korean labels render with the KRDS font.
 */
export const CHART_FONT = "'Pretendard GOV', 'Pretendard', 'Noto Sans KR', sans-serif";
export const COLORS = ['#256ef4', '#1a8754', '#d9480f', '#6f42c1', '#5c6b77', '#0b50d0'] as const;

/** Style properties that exist as SVG presentation attributes (SVG 1.1 §6.4). */
const PRESENTATION = new Set([
  'font-size',
  'font-family',
  'font-weight',
  'font-style',
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
]);

const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function cspSafeSvg(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_m, css: string) =>
      css
        .split(';')
        .map((decl) => {
          const i = decl.indexOf(':');
          if (i < 0) return '';
          const prop = decl.slice(0, i).trim().toLowerCase();
          const value = decl.slice(i + 1).trim();
          return PRESENTATION.has(prop) && value ? ` ${prop}="${escapeAttr(value)}"` : '';
        })
        .join(''),
    )
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ pointer-events="[^"]*"/g, '');
}

export interface ChartOptions {
  /** Used for aria-labelledby: the id of the figure caption. */
  labelledBy: string;
  width?: number;
  height?: number;
}

/**
 * Drawn charts by their option, most recent last. A chart is a pure function of its option and
 * size, and drawing one takes ECharts ~5 ms (a dashboard has four: 20 ms of a 10× page). Switching
 * a dashboard's breakdown keeps the period and filters, so the trend, status and funnel charts are
 * the same again (and the same for every viewer of one scope); only the breakdown is drawn anew.
 */
const DRAWN_MAX = 100; // tens of KB each
const drawn = new Map<string, string>();

function render(option: EChartsCoreOption, o: ChartOptions): string {
  const key = JSON.stringify([option, o.width, o.height]);
  let svg = drawn.get(key);
  if (svg === undefined) {
    svg = draw(option, o);
    if (drawn.size >= DRAWN_MAX) drawn.delete(drawn.keys().next().value!);
  } else drawn.delete(key);
  drawn.set(key, svg);
  return svg.replace(/^<svg /, `<svg role="img" aria-labelledby="${escapeAttr(o.labelledBy)}" focusable="false" class="itda-chart-svg" preserveAspectRatio="xMidYMid meet" `);
}

function draw(option: EChartsCoreOption, o: ChartOptions): string {
  const width = o.width ?? 720;
  const height = o.height ?? 320;
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT, fontSize: 13 }, color: [...COLORS], ...option });
    return cspSafeSvg(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** Numbers only: a hidden or withheld value is drawn as no bar ('-'), the table says why. */
export type ChartValue = number | null;
const v = (x: ChartValue) => (x === null ? '-' : x);

export interface Series {
  name: string;
  values: ChartValue[];
  kind?: 'bar' | 'line';
  /** Draw on the right axis (amounts next to counts). */
  secondAxis?: boolean;
  format?: 'int' | 'won';
}

const short = (s: string, n = 12) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

/** Vertical bars (and lines) per category; a second axis for amounts in 만 원. */
export function barChart(categories: string[], series: Series[], o: ChartOptions & { horizontal?: boolean; rotate?: number }): string {
  const twoAxes = series.some((s) => s.secondAxis);
  const catAxis = { type: 'category', data: categories.map((c) => short(c, o.horizontal ? 14 : 10)), axisLabel: { interval: 0, rotate: o.rotate ?? 0, fontSize: 12 }, axisTick: { alignWithLabel: true } };
  const valAxis = [
    { type: 'value', minInterval: 1, axisLabel: { fontSize: 12 } },
    ...(twoAxes ? [{ type: 'value', name: '만 원', nameTextStyle: { fontSize: 12 }, axisLabel: { fontSize: 12 }, splitLine: { show: false } }] : []),
  ];
  return render(
    {
      legend: { top: 0, itemGap: 16, textStyle: { fontSize: 13 } },
      grid: { left: o.horizontal ? 140 : 56, right: twoAxes ? 72 : 24, top: 40, bottom: (o.rotate ?? 0) > 0 ? 90 : 40, containLabel: false },
      xAxis: o.horizontal ? valAxis[0] : catAxis,
      yAxis: o.horizontal ? { ...catAxis, inverse: true } : valAxis,
      series: series.map((s) => ({
        name: s.name,
        type: s.kind ?? 'bar',
        yAxisIndex: !o.horizontal && s.secondAxis ? 1 : 0,
        data: s.values.map((x) => (x === null ? '-' : s.format === 'won' ? Math.round(x / 10_000) : x)),
        barMaxWidth: 36,
        label: { show: series.length <= 2 && categories.length <= 12 && (s.kind ?? 'bar') === 'bar', position: o.horizontal ? 'right' : 'top', fontSize: 12 },
        symbolSize: 6,
      })),
    },
    { ...o, height: o.height ?? (o.horizontal ? Math.max(200, 48 + categories.length * 36) : 320) },
  );
}

/** The funnel 신청 → 선정 → 수혜 as horizontal bars with the counts. */
export function funnelChart(steps: { label: string; count: ChartValue }[], o: ChartOptions): string {
  return render(
    {
      grid: { left: 72, right: 64, top: 16, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 12 } },
      yAxis: { type: 'category', inverse: true, data: steps.map((s) => s.label), axisLabel: { fontSize: 14 } },
      series: [{ type: 'bar', data: steps.map((s, i) => ({ value: v(s.count), itemStyle: { color: COLORS[i] } })), barMaxWidth: 40, label: { show: true, position: 'right', fontSize: 13 } }],
    },
    { ...o, height: o.height ?? 200 },
  );
}
