import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { executeStatistic } from './actions/execute';
import { properties } from './description/properties';

export class WeComGroupChatStatistic implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'WeCom Group Chat Statistic',
    name: 'weComGroupChatStatistic',
    icon: { light: 'file:wecom.svg', dark: 'file:wecom.dark.svg' },
    group: ['input'],
    version: 1,
    subtitle: '={{$parameter["mode"] === "byOwner" ? "By Owner" : "By Day"}}',
    description: 'Get WeCom (企业微信) customer group chat statistics by owner or by day',
    defaults: { name: 'WeCom Group Chat Statistic' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'weComApi', required: true }],
    properties,
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeStatistic.call(this);
  }
}
