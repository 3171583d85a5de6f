import { NodeApiError, type INode } from 'n8n-workflow';
import { originalError } from '../../nodes/shared/n8nHttpTransport';
import { isRetryableNetworkCode } from '../../core/request/retryPolicy';

const node: INode = { id: '1', name: 'WeCom', type: 'n8n-nodes-wecom-groupchat.weComGroupChatStatistic', typeVersion: 1, position: [0, 0], parameters: {} };

describe('originalError', () => {
  it('finds the network code of a dropped connection that n8n wrapped, so the core retries it', () => {
    // What n8n-core 2.x's httpRequestWithAuthentication throws for a reset socket.
    const wrapped = new NodeApiError(node, { message: 'socket hang up', code: 'ECONNRESET' } as never);
    expect(wrapped.httpCode).toBe('ECONNRESET');
    const original = originalError(wrapped) as { code?: string };
    expect(original.code).toBe('ECONNRESET');
    expect(isRetryableNetworkCode(original.code)).toBe(true);
  });

  it('returns the cause when n8n kept the original error', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(originalError(Object.assign(new Error('wrapped'), { cause }))).toBe(cause);
  });

  it('leaves an error without a network code alone', () => {
    const wrapped = new NodeApiError(node, { message: 'Bad request', httpCode: '400' } as never);
    expect(originalError(wrapped)).toBe(wrapped);
  });
});
