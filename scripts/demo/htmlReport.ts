/**
 * The demo's report: one self-contained HTML file (no script, no network) with a chart per
 * daily figure and the owner ranking. The charts are inline SVG drawn here: a charting
 * library would need JavaScript and a copy of itself in every report, for line charts.
 */
import { lineChart, type ChartSeries } from './chart';
import { chinaTimeInWords, escapeHtml, fullNumber } from './format';
import { total, type DayRow, type OwnerRow } from './ranking';
import { rankingTable, TOP_OWNERS } from './rankingTable';

export interface ReportInput {
  days: readonly DayRow[];
  owners: readonly OwnerRow[];
  /** Members with Customer Contact, as WeCom listed them. */
  ownerCount: number;
  /** Where the figures came from, e.g. the emulator's address. */
  source: string;
  generatedAt: Date;
}

/** Every daily figure of WeCom's (README "Records"); the last only when WeCom returns it. */
const SERIES: readonly ChartSeries[] = [
  { field: 'new_chat_cnt', title: 'New chats', unit: 'groups per day', color: '#1f77b4' },
  { field: 'new_member_cnt', title: 'New members', unit: 'members per day', color: '#2ca02c' },
  { field: 'chat_total', title: 'Chats in total', unit: 'groups, as of each day', color: '#1f77b4' },
  { field: 'chat_has_msg', title: 'Chats that have had messages', unit: 'groups, as of each day', color: '#17becf' },
  { field: 'member_total', title: 'Members in total', unit: 'members, as of each day', color: '#2ca02c' },
  { field: 'member_has_msg', title: 'Members who have sent messages', unit: 'members, as of each day', color: '#bcbd22' },
  { field: 'msg_total', title: 'Messages in all chats', unit: 'messages, as of each day', color: '#d62728' },
  { field: 'migrate_trainee_chat_cnt', title: 'Migrated trainee chats', unit: 'groups, as of each day', color: '#9467bd' },
];

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
    .map(([label, value]) => `<div class="card"><div class="value">${fullNumber(value as number)}</div><div class="label">${label}</div></div>`)
    .join('');
  const charts = SERIES.filter((series) => days.some((day) => day[series.field] !== undefined)).map((series) => lineChart(days, series));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>WeCom customer group chats, ${escapeHtml(period)}</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 24px auto; max-width: 1000px; color: #222; }
  h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; margin-top: 28px; }
  .muted { color: #666; font-weight: normal; }
  .cards { display: flex; gap: 12px; margin: 16px 0; } .card { flex: 1; border: 1px solid #ddd; border-radius: 6px; padding: 10px; }
  .card .value { font-size: 20px; font-weight: 600; } .card .label { color: #666; }
  figure { margin: 18px 0; } figcaption { font-weight: 600; }
  svg.chart { width: 100%; height: auto; } svg text { font-size: 12px; fill: #555; } svg .axis-title { fill: #333; }
  .grid { stroke: #e6e6e6; } .baseline, .x-tick { stroke: #888; }
  table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
  th, td { padding: 4px 8px; border-bottom: 1px solid #eee; text-align: right; white-space: nowrap; }
  th:nth-child(2), td:nth-child(2), .bar { text-align: left; }
  td.bar { width: 30%; } td.bar .fill { display: inline-block; height: 12px; vertical-align: middle; background: #1f77b4aa; margin-right: 6px; }
</style>
</head>
<body>
<h1>WeCom customer group chats</h1>
<div class="muted">${escapeHtml(period)} · ${fullNumber(input.ownerCount)} members with Customer Contact · from ${escapeHtml(input.source)}</div>
<div class="muted" id="generated">Generated ${escapeHtml(chinaTimeInWords(input.generatedAt))}</div>
<div class="cards">${cards}</div>
<h2>Day by day <span class="muted">(all owners summed)</span></h2>
${charts.join('\n')}
<h2>Owner ranking <span class="muted">(top ${TOP_OWNERS} by new chats over the period)</span></h2>
${rankingTable(input.owners)}
</body>
</html>
`;
}
