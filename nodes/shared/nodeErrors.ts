import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { InvalidInputError, WeComError } from '../../core/errors/WeComError';
import { redact } from '../../core/errors/redact';
import { WeComApi } from '../../credentials/WeComApi.credentials';
import { properties as statisticProperties } from '../WeComGroupChatStatistic/description/properties';
import { properties as triggerProperties } from '../WeComGroupChatStatisticTrigger/description/properties';
import { parameterLabels } from './parameterLabels';

/** The core's fields by the labels of the nodes' parameters and the credential's fields. */
export const N8N_LABELS = parameterLabels([...statisticProperties, ...triggerProperties, ...new WeComApi().properties]);

/** The n8n error for a failure: WeCom's as NodeApiError, bad parameters as NodeOperationError. */
export function toNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
  if (error instanceof WeComError) {
    const code = error.errcode === undefined ? (error.httpStatus ? `HTTP ${error.httpStatus}` : error.kind) : `errcode ${error.errcode}`;
    const message = `WeCom ${code}: ${error.errmsg}`;
    const nodeError = new NodeApiError(node, error.toJSON() as JsonObject, {
      message,
      description: [error.hint, `Endpoint: ${error.endpoint}. Attempts: ${error.attempts}.`].filter(Boolean).join(' '),
      httpCode: error.httpStatus === undefined ? undefined : String(error.httpStatus),
      itemIndex,
    });
    // n8n swaps a message that names a network code (ECONNRESET, ...) for generic text; ours names WeCom and the code.
    nodeError.message = message;
    return nodeError;
  }
  if (error instanceof InvalidInputError) {
    const labelled = error.withLabels(N8N_LABELS);
    return new NodeOperationError(node, labelled.message, { description: `Parameter: ${labelled.field}. Allowed: ${labelled.allowed}.`, itemIndex });
  }
  if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
  return new NodeOperationError(node, redact(error instanceof Error ? error.message : String(error)), { itemIndex });
}
