import { NodeConnectionTypes, type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';
import { pollStatistic } from './actions/poll';
import { properties } from './description/properties';

export class WeComGroupChatStatisticTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'WeCom Group Chat Statistic Trigger',
    name: 'weComGroupChatStatisticTrigger',
    icon: { light: 'file:../WeComGroupChatStatistic/wecom.svg', dark: 'file:../WeComGroupChatStatistic/wecom.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: '={{$parameter["mode"] === "byOwner" ? "By Owner" : "By Day"}}',
    description: 'Emits every finished day of WeCom (企业微信) customer group chat statistics once, in order, catching up after downtime',
    defaults: { name: 'WeCom Group Chat Statistic Trigger' },
    polling: true,
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'weComApi', required: true }],
    properties,
  };

  async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
    return pollStatistic.call(this);
  }
}
