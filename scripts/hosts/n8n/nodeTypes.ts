/**
 * The node types an in-process n8n needs here: our node and trigger, a manual trigger like
 * n8n-nodes-base's (not installed in this repository), and 'test.emitItems', which outputs
 * the items given in its `items` JSON parameter.
 */
import {
  NodeConnectionTypes,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypes,
  type ITriggerFunctions,
  type ITriggerResponse,
} from 'n8n-workflow';
import { WeComGroupChatStatistic } from '../../../nodes/WeComGroupChatStatistic/WeComGroupChatStatistic.node';
import { WeComGroupChatStatisticTrigger } from '../../../nodes/WeComGroupChatStatisticTrigger/WeComGroupChatStatisticTrigger.node';

export const WECOM_NODE_TYPE = 'n8n-nodes-wecom-groupchat.weComGroupChatStatistic';
export const WECOM_TRIGGER_TYPE = 'n8n-nodes-wecom-groupchat.weComGroupChatStatisticTrigger';
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
export const EMIT_ITEMS_TYPE = 'test.emitItems';

/** Like n8n-nodes-base's Manual Trigger: emits one empty item when the workflow is run by hand. */
class ManualTrigger implements INodeType {
  description: INodeType['description'] = {
    displayName: 'Manual Trigger',
    name: 'manualTrigger',
    group: ['trigger', 'input'],
    version: 1,
    description: 'Runs the flow on clicking a button in n8n',
    maxNodes: 1,
    defaults: { name: "When clicking 'Execute workflow'" },
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    properties: [],
  };

  async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
    const manualTriggerFunction = async () => {
      this.emit([this.helpers.returnJsonArray([{}])]);
    };
    return { manualTriggerFunction };
  }
}

/** Outputs its `items` parameter (a JSON array of objects) as items, each paired with input item 0. */
class EmitItems implements INodeType {
  description: INodeType['description'] = {
    displayName: 'Emit Items',
    name: 'emitItems',
    group: ['transform'],
    version: 1,
    description: 'Test helper: outputs the given JSON items',
    defaults: { name: 'Emit Items' },
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const raw = this.getNodeParameter('items', 0) as unknown;
    const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
    return [list.map((json) => ({ json, pairedItem: { item: 0 } }))];
  }
}

export class InProcessNodeTypes implements INodeTypes {
  private readonly types: Record<string, INodeType> = {
    [WECOM_NODE_TYPE]: new WeComGroupChatStatistic(),
    [WECOM_TRIGGER_TYPE]: new WeComGroupChatStatisticTrigger(),
    [MANUAL_TRIGGER_TYPE]: new ManualTrigger(),
    [EMIT_ITEMS_TYPE]: new EmitItems(),
  };

  getByName(nodeType: string): INodeType {
    const type = this.types[nodeType];
    if (!type) throw new Error(`Unknown node type: ${nodeType}`);
    return type;
  }

  getByNameAndVersion(nodeType: string): INodeType {
    return this.getByName(nodeType);
  }

  getKnownTypes(): IDataObject {
    return Object.fromEntries(Object.keys(this.types).map((name) => [name, { className: name, sourcePath: '' }]));
  }
}

