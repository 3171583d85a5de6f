import { NodeOperationError, type IDataObject, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';
import { WeComClient } from '../../../core/client';
import { requireCorpId, requireCorpSecret } from '../../../core/connectionSettings';
import { advanceCursor, dueDays, lastReadyDay, type DueDays } from '../../../core/history/dueDays';
import { fetchDays } from '../../../core/history/fetchDays';
import { LostDaysError } from '../../../core/history/lostDays';
import { flattenRecord } from '../../../core/records/shape';
import { CREDENTIAL_TYPE, N8nTokenBridge } from '../../shared/n8nTokenBridge';
import { toNodeError } from '../../shared/nodeErrors';
import { readSettings, type TriggerSettings } from './readSettings';

/** What the trigger keeps in n8n's workflow static data, under its node. */
interface HistoryState {
  /** The last China day emitted (or named lost), YYYY-MM-DD. */
  cursor?: string;
}

// Poll Times can start a poll while the last one still runs: the second would emit the same days.
const polling = new WeakSet<object>();

/**
 * Emits the due days' records, oldest first, or null when nothing is due. The cursor moves
 * only past days fetched in full, and past lost days, reported once as a failed execution.
 * In manual mode (Fetch Test Event) it returns the newest ready day and leaves the cursor.
 */
export async function pollStatistic(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
  const node = this.getNode();
  const manual = this.getMode() === 'manual';
  const state = this.getWorkflowStaticData('node') as HistoryState;
  if (polling.has(state)) return null;
  const cursor = typeof state.cursor === 'string' ? state.cursor : undefined;
  let settings: TriggerSettings;
  let due: DueDays;
  try {
    settings = readSettings(this);
    due = dueDays(cursor, settings.history);
  } catch (error) {
    throw toNodeError(node, error, 0);
  }
  const lost = manual ? [] : due.lost;
  if (lost.length > 0) {
    state.cursor = advanceCursor(cursor, due, []);
    this.__emitError(new NodeOperationError(node, new LostDaysError(lost).message, { description: `Lost days: ${lost.join(', ')}` }));
  }
  const days = manual ? [lastReadyDay(settings.history.readyTime)] : due.due;
  if (days.length === 0) return null;
  polling.add(state);
  try {
    const { items, fetched, failure } = await fetchItems(this, settings, days);
    if (!manual) state.cursor = advanceCursor(cursor, due, fetched);
    if (failure !== undefined) {
      const error = toNodeError(node, failure, 0);
      // Thrown, an activation poll fails the activation and n8n drops the static data: not
      // once lost days were reported, or they would be again. Days fetched in full still go out.
      if (fetched.length === 0 && lost.length === 0) throw error;
      this.__emitError(error);
    }
    return items.length > 0 ? [items] : null;
  } finally {
    polling.delete(state);
  }
}

/** The days' records as flat items, oldest first, up to the first failure. */
async function fetchItems(context: IPollFunctions, settings: TriggerSettings, days: string[]): Promise<{ items: INodeExecutionData[]; fetched: string[]; failure?: unknown }> {
  const items: INodeExecutionData[] = [];
  const fetched: string[] = [];
  try {
    const credentials = await context.getCredentials(CREDENTIAL_TYPE);
    requireCorpId(credentials.corpId);
    requireCorpSecret(credentials.corpSecret);
    const bridge = new N8nTokenBridge(context, credentials);
    const client = new WeComClient({ baseUrl: credentials.baseUrl as string, tokenProvider: bridge, transport: bridge.transport, concurrency: settings.concurrency });
    for await (const { day, records } of fetchDays(client, settings.query, days)) {
      for (const record of records) items.push({ json: flattenRecord(record) as unknown as IDataObject });
      fetched.push(day);
    }
    return { items, fetched };
  } catch (failure) {
    return { items, fetched, failure };
  }
}
