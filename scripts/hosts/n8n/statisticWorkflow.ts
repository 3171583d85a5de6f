import type { INode } from 'n8n-workflow';
import { CREDENTIAL, type WorkflowJson } from './engine';
import { MANUAL_TRIGGER_TYPE, WECOM_NODE_TYPE } from './nodeTypes';

/** The name of the statistic node in statisticWorkflow(): where its items are found. */
export const STATISTIC_NODE = 'WeCom';

/**
 * Manual Trigger -> the WeCom node with these parameters, on the stored credential, as a
 * user would build it in the editor. `settings` sets node settings such as onError.
 */
export function statisticWorkflow(parameters: Record<string, unknown>, settings: Partial<INode> = {}, name = 'WeCom statistic'): WorkflowJson {
  return {
    name,
    nodes: [
      { id: 'trigger', name: 'Manual Trigger', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
      {
        id: 'wecom',
        name: STATISTIC_NODE,
        type: WECOM_NODE_TYPE,
        typeVersion: 1,
        position: [220, 0],
        parameters: parameters as INode['parameters'],
        credentials: { [CREDENTIAL.type]: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
        ...settings,
      },
    ],
    connections: { 'Manual Trigger': { main: [[{ node: STATISTIC_NODE, type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
  };
}
