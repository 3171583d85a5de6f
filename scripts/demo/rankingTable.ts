/** The owner ranking as a table, with a bar for each owner's new chats and the value after its end. */
import { escapeHtml, fullNumber } from './format';
import type { OwnerRow } from './ranking';

export const TOP_OWNERS = 20;

export function rankingTable(owners: readonly OwnerRow[]): string {
  // The core ranked them over the whole period: new chats, ties by owner ID.
  const ranked = owners.slice(0, TOP_OWNERS);
  const best = Math.max(1, ...ranked.map((o) => o.new_chat_cnt));
  // The longest bar leaves room for the widest value (digits are 1ch wide in tabular figures).
  const room = `${fullNumber(best).length + 1}ch`;
  const rows = ranked
    .map(
      (o, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(o.owner)}</td>
      <td class="bar"><span class="fill" style="width:calc((100% - ${room}) * ${(o.new_chat_cnt / best).toFixed(3)})"></span><span class="value">${fullNumber(o.new_chat_cnt)}</span></td>
      <td>${fullNumber(o.new_member_cnt)}</td><td>${fullNumber(o.chat_total)}</td><td>${fullNumber(o.member_total)}</td><td>${fullNumber(o.msg_total)}</td></tr>`,
    )
    .join('\n');
  return `<table id="ranking">
  <thead><tr><th>#</th><th>Owner</th><th class="bar">New chats</th><th>New members</th><th>Chats (at end)</th><th>Members (at end)</th><th>Messages (at end)</th></tr></thead>
  <tbody>
${rows}
  </tbody>
</table>`;
}
