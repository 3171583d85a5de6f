import type { INode } from 'n8n-workflow';
import { CREDENTIAL, type WorkflowJson } from '../../../scripts/hosts/n8n/engine';
import { MANUAL_TRIGGER_TYPE, WECOM_NODE_TYPE } from '../../../scripts/hosts/n8n/nodeTypes';

export const NODE = 'WeCom';

/** Manual Trigger -> the WeCom node with these parameters (and node settings such as onError). */
export function statisticWorkflow(parameters: Record<string, unknown>, settings: Partial<INode> = {}): WorkflowJson {
  return {
    name: 'reliability',
    nodes: [
      { id: 'trigger', name: 'Manual Trigger', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
      {
        id: 'wecom',
        name: NODE,
        type: WECOM_NODE_TYPE,
        typeVersion: 1,
        position: [220, 0],
        parameters: parameters as INode['parameters'],
        credentials: { weComApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
        ...settings,
      },
    ],
    connections: { 'Manual Trigger': { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
  };
}
