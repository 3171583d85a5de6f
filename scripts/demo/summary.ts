/** What the demo prints: the figures a manager asks for first, and the calls each host made. */
import { total, type DayRow, type OwnerRow } from './ranking';

export function printDays(days: readonly DayRow[]): void {
  console.log(`\nBy day, the last 7 of ${days.length} days (all owners summed):`);
  console.table(
    days.slice(-7).map((d) => ({
      date: d.date,
      'new chats': d.new_chat_cnt,
      'chats total': d.chat_total,
      'new members': d.new_member_cnt,
      'members total': d.member_total,
      messages: d.msg_total,
    })),
  );
  console.log(`${days.length} days: ${total(days, 'new_chat_cnt')} new chats, ${total(days, 'new_member_cnt')} new members.`);
}

export function printTopOwners(owners: readonly OwnerRow[], days: number): void {
  console.log(`\nTop 5 owners by new chats over the ${days} days:`);
  console.table(
    owners
      .slice(0, 5)
      .map((o) => ({ owner: o.owner, 'new chats': o.new_chat_cnt, 'new members': o.new_member_cnt, 'chats at end': o.chat_total, 'messages at end': o.msg_total })),
  );
}

export interface HostCalls {
  host: string;
  /** Calls per WeCom endpoint, as the emulator counted them. */
  calls: Record<string, number>;
}

export function printCalls(hosts: readonly HostCalls[], plannedStatisticCalls: number): void {
  console.log('\nWeCom API calls per host, as the emulator counted them (both modes):');
  console.table(
    hosts.map(({ host, calls }) => ({
      host,
      gettoken: calls.gettoken,
      'owner list': calls.get_follow_user_list,
      'statistic (by owner)': calls['groupchat/statistic'],
      'statistic (by day)': calls['groupchat/statistic_group_by_day'],
      total: Object.values(calls).reduce((sum, n) => sum + n, 0),
    })),
  );
  console.log(`Statistic calls needed for both modes: ${plannedStatisticCalls} (windows of 30 days x batches of 100 owners).`);
}
