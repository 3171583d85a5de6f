/** One daily figure as an inline SVG line chart: Y from zero in round steps, a tick per Monday. */
import { ADDED_FIELDS, type StatField } from '../../core/records/fields';
import { mondays, niceTicks } from './axes';
import { escapeHtml, fullNumber, roundedNumber } from './format';
import type { DayRow } from './ranking';

export interface ChartSeries {
  field: StatField;
  /** What the figure is, e.g. "New chats". */
  title: string;
  /** What one unit on the Y axis is, e.g. "groups per day". */
  unit: string;
  color: string;
}

const WIDTH = 960;
const HEIGHT = 240;
const PLOT = { left: 64, right: WIDTH - 16, top: 32, bottom: HEIGHT - 48 };
/** Keeps the first and last dots off the axes. */
const INSET = 6;
/** Below this many units between Mondays their MM-DD labels would touch: label every other one. */
const MIN_LABEL_SPACING = 48;

const isAdded = (field: StatField): boolean => (ADDED_FIELDS as readonly StatField[]).includes(field);
const at = (value: number): string => value.toFixed(1);

/** The caption's figure: the sum of an added count, or the last value and the change of an "as of" one. */
function summary(values: readonly number[], field: StatField): string {
  if (isAdded(field)) return `${fullNumber(values.reduce((sum, v) => sum + v, 0))} in all`;
  const [first, last] = [values[0] ?? 0, values.at(-1) ?? 0];
  const change = `${last >= first ? '+' : '−'}${fullNumber(Math.abs(last - first))}`;
  // The axis starts at zero, so a few percent of growth looks flat: the caption says how much.
  const percent = first > 0 ? ` (${last >= first ? '+' : '−'}${(Math.abs(last - first) / first * 100).toFixed(1)}%)` : '';
  return `${fullNumber(last)} at the end, ${change}${percent} over the period`;
}

export function lineChart(days: readonly DayRow[], series: ChartSeries): string {
  const values = days.map((day) => day[series.field] ?? 0);
  const ticks = niceTicks(Math.max(0, ...values));
  const top = ticks.at(-1) ?? 1;
  const span = PLOT.right - PLOT.left - 2 * INSET;
  const x = (i: number): number => PLOT.left + INSET + (days.length < 2 ? span / 2 : (i * span) / (days.length - 1));
  const y = (v: number): number => PLOT.bottom - (v / top) * (PLOT.bottom - PLOT.top);

  const yAxis = ticks
    .map(
      (t) => `<line class="${t === 0 ? 'baseline' : 'grid'}" x1="${PLOT.left}" x2="${PLOT.right}" y1="${at(y(t))}" y2="${at(y(t))}"/>` +
        `<text class="y-tick" x="${PLOT.left - 8}" y="${at(y(t))}" dy="0.35em" text-anchor="end">${roundedNumber(t)}</text>`,
    )
    .join('');
  const weeks = mondays(days.map((day) => day.date));
  const labelEvery = Math.max(1, Math.ceil(MIN_LABEL_SPACING / ((7 * span) / Math.max(1, days.length - 1))));
  const xAxis = weeks
    .map(
      (i, n) => `<line class="x-tick" x1="${at(x(i))}" x2="${at(x(i))}" y1="${PLOT.bottom}" y2="${PLOT.bottom + 5}"/>` +
        (n % labelEvery === 0 ? `<text class="x-label" x="${at(x(i))}" y="${PLOT.bottom + 18}" text-anchor="middle">${days[i].date.slice(5)}</text>` : ''),
    )
    .join('');
  const titles = `<text class="axis-title" x="0" y="14">${escapeHtml(`${series.title} (${series.unit})`)}</text>
    <text class="axis-title" x="${(PLOT.left + PLOT.right) / 2}" y="${HEIGHT - 6}" text-anchor="middle">Date (China time)</text>`;
  const points = values.map((v, i) => `${at(x(i))},${at(y(v))}`).join(' ');
  const dots = values.map((v, i) => `<circle cx="${at(x(i))}" cy="${at(y(v))}" r="2.5"><title>${days[i].date}: ${fullNumber(v)}</title></circle>`).join('');
  return `<figure>
  <figcaption>${escapeHtml(series.title)} <span class="muted">· ${summary(values, series.field)}</span></figcaption>
  <svg class="chart" data-series="${series.field}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(series.title)}">
    ${yAxis}
    ${xAxis}
    ${titles}
    <polyline points="${points}" fill="none" stroke="${series.color}" stroke-width="2"/>
    <g fill="${series.color}">${dots}</g>
  </svg>
</figure>`;
}
