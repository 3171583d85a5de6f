/**
 * The demo's report: one self-contained HTML file (no script, no network) with a chart per
 * daily figure and the owner ranking. The charts are inline SVG drawn here: a charting
 * library would need JavaScript and a copy of itself in every report, for three lines.
 */
import { total, type DayRow, type OwnerRow } from './ranking';

export interface ReportInput {
  days: readonly DayRow[];
  owners: readonly OwnerRow[];
  /** Members with Customer Contact, as WeCom listed them. */
  ownerCount: number;
  /** Where the figures came from, e.g. the emulator's address. */
  source: string;
  generatedAt: Date;
}

// WeCom's msg_total is a running total ("as of that day"), unlike the new_* counts.
const SERIES = [
  { field: 'new_chat_cnt', label: 'New chats per day', color: '#1f77b4', cumulative: false },
  { field: 'new_member_cnt', label: 'New members per day', color: '#2ca02c', cumulative: false },
  { field: 'msg_total', label: 'Messages in all chats, as of each day', color: '#d62728', cumulative: true },
] as const;

const TOP_OWNERS = 20;

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const number = (value: number): string => value.toLocaleString('en-US');

/** A line chart of one field per day, with a dot (and a hover title) per day. */
function chart(days: readonly DayRow[], series: (typeof SERIES)[number]): string {
  const width = 960;
  const height = 180;
  const pad = { left: 80, right: 12, top: 12, bottom: 28 };
  const values = days.map((day) => day[series.field]);
  // A running total starts far from 0: scale it to its own range so its growth shows.
  const min = series.cumulative ? Math.min(...values) : 0;
  const max = Math.max(min + 1, ...values);
  const x = (i: number): number => pad.left + (days.length === 1 ? 0 : (i * (width - pad.left - pad.right)) / (days.length - 1));
  const y = (v: number): number => pad.top + (1 - (v - min) / (max - min)) * (height - pad.top - pad.bottom);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const dots = values
    .map((v, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5"><title>${days[i].date}: ${number(v)}</title></circle>`)
    .join('');
  const axis = `<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" class="axis"/>
    <text x="${pad.left - 6}" y="${pad.top + 4}" text-anchor="end">${number(max)}</text>
    <text x="${pad.left - 6}" y="${height - pad.bottom}" text-anchor="end">${number(min)}</text>
    <text x="${pad.left}" y="${height - 8}">${days[0]?.date ?? ''}</text>
    <text x="${width - pad.right}" y="${height - 8}" text-anchor="end">${days.at(-1)?.date ?? ''}</text>`;
  return `<figure>
  <figcaption>${series.label} <span class="muted">· ${series.cumulative ? `${number(values.at(-1) ?? 0)} at the end` : `${number(total(days, series.field))} in all`}</span></figcaption>
  <svg class="chart" data-series="${series.field}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${series.label}">
    ${axis}
    <polyline points="${points}" fill="none" stroke="${series.color}" stroke-width="2"/>
    <g fill="${series.color}">${dots}</g>
  </svg>
</figure>`;
}

function ranking(owners: readonly OwnerRow[]): string {
  // The core ranked them over the whole period: new chats, ties by owner ID.
  const ranked = owners.slice(0, TOP_OWNERS);
  const best = Math.max(1, ranked[0]?.new_chat_cnt ?? 0);
  const rows = ranked
    .map(
      (o, i) => `<tr><td>${i + 1}</td><td>${escape(o.owner)}</td>
      <td class="bar"><span style="width:${((o.new_chat_cnt / best) * 100).toFixed(1)}%"></span>${number(o.new_chat_cnt)}</td>
      <td>${number(o.new_member_cnt)}</td><td>${number(o.chat_total)}</td><td>${number(o.member_total)}</td><td>${number(o.msg_total)}</td></tr>`,
    )
    .join('\n');
  return `<table id="ranking">
  <thead><tr><th>#</th><th>Owner</th><th>New chats</th><th>New members</th><th>Chats (at end)</th><th>Members (at end)</th><th>Messages (at end)</th></tr></thead>
  <tbody>
${rows}
  </tbody>
</table>`;
}

export function renderReport(input: ReportInput): string {
  const { days } = input;
  const period = days.length === 0 ? 'no days' : `${days[0].date} to ${days.at(-1)?.date} (${days.length} days)`;
  const last = days.at(-1);
  const cards = [
    ['New chats', total(days, 'new_chat_cnt')],
    ['New members', total(days, 'new_member_cnt')],
    ['Messages at end', last?.msg_total ?? 0],
    ['Chats at end', last?.chat_total ?? 0],
    ['Members at end', last?.member_total ?? 0],
  ]
    .map(([label, value]) => `<div class="card"><div class="value">${number(value as number)}</div><div class="label">${label}</div></div>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>WeCom customer group chats, ${escape(period)}</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 24px auto; max-width: 1000px; color: #222; }
  h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; margin-top: 28px; }
  .muted { color: #777; font-weight: normal; }
  .cards { display: flex; gap: 12px; margin: 16px 0; } .card { flex: 1; border: 1px solid #ddd; border-radius: 6px; padding: 10px; }
  .card .value { font-size: 20px; font-weight: 600; } .card .label { color: #666; }
  figure { margin: 12px 0; } figcaption { font-weight: 600; }
  svg.chart { width: 100%; height: auto; } svg text { font-size: 11px; fill: #666; } .axis { stroke: #bbb; }
  table { border-collapse: collapse; width: 100%; } th, td { padding: 4px 8px; border-bottom: 1px solid #eee; text-align: right; }
  th:nth-child(2), td:nth-child(2) { text-align: left; }
  td.bar { position: relative; min-width: 160px; } td.bar span { position: absolute; left: 0; top: 6px; bottom: 6px; background: #1f77b433; }
</style>
</head>
<body>
<h1>WeCom customer group chats</h1>
<div class="muted">${escape(period)} · ${number(input.ownerCount)} members with Customer Contact · from ${escape(input.source)} · generated ${escape(input.generatedAt.toISOString())}</div>
<div class="cards">${cards}</div>
<h2>Day by day <span class="muted">(all owners summed)</span></h2>
${SERIES.map((series) => chart(days, series)).join('\n')}
<h2>Owner ranking <span class="muted">(top ${TOP_OWNERS} by new chats over the period)</span></h2>
${ranking(input.owners)}
</body>
</html>
`;
}
