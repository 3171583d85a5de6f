/**
 * The same work done the way users do it without this package: one request at a time,
 * WeCom's default page size of 500, a token fetched at the start of each execution, no
 * retries. Windows and owner batches are split as the docs require, by the same rules.
 */
import axios from 'axios';
import { dayStartSeconds, type DayRange } from '../../core/dates/chinaDay';
import { splitIntoBatches } from '../../core/plan/batches';
import { splitIntoWindows } from '../../core/plan/windows';

export interface OneAtATimeResult {
  calls: number;
  /** Items WeCom returned: owners per window, or days. */
  items: number;
}

interface Answer {
  errcode: number;
  errmsg: string;
  [key: string]: unknown;
}

export async function oneAtATime(
  connection: { baseUrl: string; corpId: string; corpSecret: string },
  mode: 'byDay' | 'byOwner',
  range: DayRange,
): Promise<OneAtATimeResult> {
  let calls = 0;
  const api = async (method: 'GET' | 'POST', path: string, params: Record<string, string>, data?: object): Promise<Answer> => {
    calls++;
    const { data: answer } = await axios.request<Answer>({ method, url: `${connection.baseUrl}/cgi-bin/${path}`, params, data, timeout: 30_000 });
    if (typeof answer !== 'object' || answer === null) throw new Error(`${path}: a body that is not JSON, after ${calls} calls`);
    if (answer.errcode !== 0) throw new Error(`${path}: errcode ${answer.errcode} after ${calls} calls`);
    return answer;
  };
  const { access_token: token } = (await api('GET', 'gettoken', { corpid: connection.corpId, corpsecret: connection.corpSecret })) as Answer & {
    access_token: string;
  };
  const auth = { access_token: token };
  const { follow_user: owners } = (await api('GET', 'externalcontact/get_follow_user_list', auth)) as Answer & { follow_user: string[] };
  let items = 0;
  for (const window of splitIntoWindows(range)) {
    for (const batch of splitIntoBatches(owners)) {
      const body = { day_begin_time: dayStartSeconds(window.from), day_end_time: dayStartSeconds(window.to), owner_filter: { userid_list: batch } };
      if (mode === 'byDay') {
        items += ((await api('POST', 'externalcontact/groupchat/statistic_group_by_day', auth, body)).items as unknown[]).length;
        continue;
      }
      for (let offset = 0, total = 1; offset < total; ) {
        const page = (await api('POST', 'externalcontact/groupchat/statistic', auth, { ...body, offset, limit: 500 })) as Answer & {
          items: unknown[];
          total: number;
          next_offset: number;
        };
        items += page.items.length;
        ({ total, next_offset: offset } = page);
      }
    }
  }
  return { calls, items };
}
