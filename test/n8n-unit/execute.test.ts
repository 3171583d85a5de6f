import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';
import { executeStatistic } from '../../nodes/WeComGroupChatStatistic/actions/execute';

const node: INode = { id: '1', name: 'WeCom', type: 'n8n-nodes-wecom-groupchat.weComGroupChatStatistic', typeVersion: 1, position: [0, 0], parameters: {} };
const parameters: Record<string, unknown> = { mode: 'byDay', dateRange: 'yesterday', ownerSource: 'all' };

/** Just enough of n8n's execute context: one input item and a credential. */
function context(credential: Record<string, unknown>, continueOnFail: boolean) {
  const send = jest.fn();
  const ctx = {
    getInputData: () => [{ json: {} }],
    getCredentials: async () => ({ baseUrl: 'http://127.0.0.1:9', accessToken: '', ...credential }),
    getExecutionCancelSignal: () => undefined,
    getNode: () => node,
    getNodeParameter: (name: string, _item: number, fallback?: unknown) => parameters[name] ?? fallback,
    continueOnFail: () => continueOnFail,
    helpers: { httpRequestWithAuthentication: send },
  } as unknown as IExecuteFunctions;
  return { ctx, send };
}

describe('executeStatistic: the credential', () => {
  it.each([
    ['Corp ID', { corpId: '', corpSecret: 'a-secret' }],
    ['Secret', { corpId: 'ww_corp', corpSecret: '  ' }],
  ])('an empty %s fails as bad input naming it, before any request', async (field, credential) => {
    const { ctx, send } = context(credential, false);
    const error = await executeStatistic.call(ctx).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as NodeOperationError).message).toMatch(new RegExp(`^Invalid ${field}: `));
    expect((error as NodeOperationError).description).toContain(`Parameter: ${field}. Allowed: `);
    expect(send).not.toHaveBeenCalled();
  });

  it('with Continue On Fail, gives an error item naming the field', async () => {
    const { ctx, send } = context({ corpId: 'ww_corp', corpSecret: '' }, true);
    const [items] = await executeStatistic.call(ctx);
    expect(items).toEqual([{ json: expect.objectContaining({ parameter: 'Secret' }), pairedItem: { item: 0 } }]);
    expect(send).not.toHaveBeenCalled();
  });
});
