import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';
import { optionRef, ref, say } from '../../core/errors/inputFields';
import { InvalidInputError, WeComError } from '../../core/errors/WeComError';
import { errorItemJson } from '../../nodes/WeComGroupChatStatistic/actions/errors';
import { toNodeError } from '../../nodes/shared/nodeErrors';

const node: INode = { id: '1', name: 'Stats', type: 'n8n-nodes-wecom-groupchat.weComGroupChatStatistic', typeVersion: 1, position: [0, 0], parameters: {} };

describe('toNodeError', () => {
  it('turns a WeCom failure into a NodeApiError with errcode, message and hint', () => {
    const cause = new WeComError({
      kind: 'api',
      errcode: 60020,
      errmsg: 'not allow to access from your ip, from ip: 1.2.3.4',
      endpoint: 'externalcontact/groupchat/statistic',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/externalcontact/groupchat/statistic?access_token=SECRET-TOKEN-1',
      attempts: 1,
    });
    const error = toNodeError(node, cause, 2);
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toBe('WeCom errcode 60020: not allow to access from your ip, from ip: 1.2.3.4');
    expect(error.description).toContain('企业可信IP');
    expect(error.description).toContain('Endpoint: externalcontact/groupchat/statistic. Attempts: 1.');
    expect(error.context.itemIndex).toBe(2);
    expect(JSON.stringify(error)).not.toContain('SECRET-TOKEN-1');
    expect(errorItemJson(error, cause)).toEqual({
      error: error.message,
      description: error.description,
      errcode: 60020,
      hint: cause.hint,
      endpoint: 'externalcontact/groupchat/statistic',
    });
  });

  it('names network failures by kind and HTTP status', () => {
    const cause = new WeComError({ kind: 'http', httpStatus: 502, errmsg: 'HTTP 502', endpoint: 'gettoken', attempts: 4 });
    const error = toNodeError(node, cause, 0);
    expect(error.message).toBe('WeCom HTTP 502: HTTP 502');
    expect(error.description).toBe('Endpoint: gettoken. Attempts: 4.');
  });

  it('keeps its message for a network failure, which n8n would swap for generic text', () => {
    const cause = new WeComError({ kind: 'network', errmsg: 'ECONNRESET: socket hang up', endpoint: 'externalcontact/groupchat/statistic', attempts: 4 });
    const error = toNodeError(node, cause, 0);
    expect(error.message).toBe('WeCom network: ECONNRESET: socket hang up');
    expect(error.description).toBe('Endpoint: externalcontact/groupchat/statistic. Attempts: 4.');
  });

  it('turns bad input into a NodeOperationError naming the parameter by its label in the panel', () => {
    const cause = new InvalidInputError('limit', 'got the number 0', 'a whole number from 1 to 1000');
    const error = toNodeError(node, cause, 0);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('Invalid Limit: got the number 0. Allowed: a whole number from 1 to 1000.');
    expect(error.description).toBe('Parameter: Limit. Allowed: a whole number from 1 to 1000.');
    expect(errorItemJson(error, cause)).toMatchObject({ parameter: 'Limit' });
  });

  it('names the other fields and options its advice refers to by their labels too', () => {
    const cause = new InvalidInputError('from', say`2026-11-20 is after ${ref('to')}`, say`a ${ref('from')} on or before ${ref('to')}, or turn on ${ref('clamp')}`);
    const error = toNodeError(node, cause, 0);
    expect(error.message).toBe('Invalid From: 2026-11-20 is after To. Allowed: a From on or before To, or turn on Clamp to Available Days.');
    expect(errorItemJson(error, cause)).toMatchObject({ parameter: 'From' });
    const preset = toNodeError(node, new InvalidInputError('preset', say`${optionRef('preset', 'thisWeek')} has no day yet`, say`${optionRef('preset', 'lastWeek')}`), 0);
    expect(preset.message).toBe('Invalid Date Range: This Week has no day yet. Allowed: Last Week.');
  });

  it('redacts tokens from any other error', () => {
    const error = toNodeError(node, new Error('GET /x?access_token=abcdefgh failed'), 0);
    expect(error.message).toBe('GET /x?access_token=*** failed');
  });
});
