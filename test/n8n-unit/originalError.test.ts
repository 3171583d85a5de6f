import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import { originalError } from '../../nodes/shared/n8nHttpTransport';

const node: INode = { id: '1', name: 'Stats', type: 'n8n-nodes-wecom-groupchat.weComGroupChatStatistic', typeVersion: 1, position: [0, 0], parameters: {} };
const networkError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('originalError', () => {
  it.each([
    ['ECONNRESET', 'socket hang up'],
    ['ECONNABORTED', 'timeout of 300ms exceeded'],
    ['ERR_SOCKET_CONNECTION_TIMEOUT', 'Socket connection timeout'],
  ])('recovers %s and its message from n8n\'s NodeApiError, which drops the cause', (code, message) => {
    // As httpRequestWithAuthentication wraps a failed request.
    const wrapped = new NodeApiError(node, networkError(code, message) as unknown as JsonObject);
    expect(wrapped.cause).toBeUndefined();
    expect(originalError(wrapped)).toMatchObject({ code, message });
  });

  it('prefers the cause when a wrapper keeps it', () => {
    const cause = networkError('ECONNRESET', 'socket hang up');
    expect(originalError(Object.assign(new Error('wrapped'), { cause }))).toBe(cause);
  });

  it('leaves other failures as they are', () => {
    const http = new NodeApiError(node, { message: 'Bad gateway', httpCode: '502' });
    expect(originalError(http)).toBe(http);
    const plain = new Error('no code');
    expect(originalError(plain)).toBe(plain);
    expect(originalError('text')).toBe('text');
  });
});
