import { WeComClient } from '../../../core/client';
import { InvalidInputError } from '../../../core/errors/WeComError';
import { MemoryTokenStore } from '../../../core/token/tokenStore';
import { serializeEverything } from '../../support/serializeEverything';
import type { Outcome, Surface } from './surface';

/** The framework-free client: options to the constructor, the query to collectStatistics. */
export const coreSurface: Surface = {
  name: 'core',
  keys: ['mode', 'dates', 'owners', 'orderBy', 'ascending', 'limit', 'ownerRecords', 'concurrency', 'baseUrl', 'corpId', 'corpSecret'],
  errorName: InvalidInputError.name,
  accepts: () => true,
  async run(input): Promise<Outcome> {
    try {
      const client = new WeComClient({
        baseUrl: input.baseUrl as string,
        corpId: input.corpId as string,
        corpSecret: input.corpSecret as string,
        concurrency: input.concurrency as number,
        // A fresh store: a token cached by an earlier run would hide a gettoken call.
        tokenStore: new MemoryTokenStore(),
      });
      const { records } = await client.collectStatistics({
        mode: input.mode as string,
        dates: input.dates ?? {},
        owners: input.owners,
        orderBy: input.orderBy as string,
        ascending: input.ascending as boolean,
        limit: input.limit as number,
        ownerRecords: input.ownerRecords as string,
      });
      return { records: records.length, captured: { 'core records': serializeEverything(records) } };
    } catch (error) {
      const invalid = error instanceof InvalidInputError ? error : undefined;
      return {
        errorName: (error as Error).name,
        message: (error as Error).message,
        field: invalid?.field,
        allowed: invalid?.allowed,
        captured: { 'core error': serializeEverything(error) },
      };
    }
  },
};
