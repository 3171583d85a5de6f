import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { WeComClient } from '../../../core/client';
import { requireCorpId, requireCorpSecret } from '../../../core/connectionSettings';
import { flattenRecord, rawRecord } from '../../../core/records/shape';
import { CREDENTIAL_TYPE, N8nTokenBridge } from '../../shared/n8nTokenBridge';
import { toNodeError } from '../../shared/nodeErrors';
import { errorItemJson } from './errors';
import { readParameters } from './readParameters';

/** Runs once per input item; every output item is paired with the item it came from. */
export async function executeStatistic(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  const items = this.getInputData();
  const credentials = await this.getCredentials(CREDENTIAL_TYPE);
  // One token for the whole execution, shared by every item.
  const bridge = new N8nTokenBridge(this, credentials);
  const signal = this.getExecutionCancelSignal();
  const output: INodeExecutionData[] = [];
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    try {
      // The credential's preAuthentication checks these too, but n8n reports its failure as an API error.
      requireCorpId(credentials.corpId);
      requireCorpSecret(credentials.corpSecret);
      const { query, concurrency, output: shape } = readParameters(this, itemIndex);
      const client = new WeComClient({
        baseUrl: credentials.baseUrl as string,
        tokenProvider: bridge,
        transport: bridge.transport,
        concurrency,
      });
      const { records } = await client.collectStatistics(query, { signal });
      const toJson = shape === 'raw' ? rawRecord : flattenRecord;
      for (const record of records) output.push({ json: toJson(record) as IDataObject, pairedItem: { item: itemIndex } });
    } catch (error) {
      // Stopped by the user: end quietly, as n8n's own nodes do, so the execution shows as canceled rather than failed.
      if (signal?.aborted) break;
      const nodeError = toNodeError(this.getNode(), error, itemIndex);
      if (!this.continueOnFail()) throw nodeError;
      const item: INodeExecutionData = { json: errorItemJson(nodeError, error), pairedItem: { item: itemIndex } };
      // n8n sends an item to the error output only when it carries the error (and then keeps
      // just its message in json); on the regular output the item keeps every detail.
      if (this.getNode().onError === 'continueErrorOutput') item.error = nodeError;
      output.push(item);
    }
  }
  return [output];
}
