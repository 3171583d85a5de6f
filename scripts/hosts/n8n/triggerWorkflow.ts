import type { INode } from 'n8n-workflow';
import { CREDENTIAL, type WorkflowJson } from './engine';
import { WECOM_TRIGGER_TYPE } from './nodeTypes';

/** The name of the trigger node in triggerWorkflow(). */
export const TRIGGER_NODE = 'WeCom Trigger';

/** The statistic trigger alone, with these parameters, on the stored credential: its items are the sink. */
export function triggerWorkflow(parameters: Record<string, unknown>, name = 'WeCom history'): WorkflowJson {
  return {
    name,
    nodes: [
      {
        id: 'wecom-trigger',
        name: TRIGGER_NODE,
        type: WECOM_TRIGGER_TYPE,
        typeVersion: 1,
        position: [0, 0],
        parameters: parameters as INode['parameters'],
        credentials: { [CREDENTIAL.type]: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
      },
    ],
    connections: {},
    settings: { executionOrder: 'v1' },
  };
}
