import type { JsonObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { InvalidInputError, WeComError } from '../../../core/errors/WeComError';
import { N8N_LABELS } from '../../shared/nodeErrors';

/** The json of the item Continue On Fail emits in place of the records. */
export function errorItemJson(error: NodeApiError | NodeOperationError, cause: unknown): JsonObject {
  const json: JsonObject = { error: error.message };
  if (error.description) json.description = error.description;
  if (cause instanceof WeComError) Object.assign(json, { errcode: cause.errcode ?? null, hint: cause.hint ?? null, endpoint: cause.endpoint });
  if (cause instanceof InvalidInputError) json.parameter = cause.withLabels(N8N_LABELS).field;
  return json;
}
