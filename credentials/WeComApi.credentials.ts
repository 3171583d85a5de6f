import type {
  IAuthenticateGeneric,
  ICredentialDataDecryptedObject,
  ICredentialTestRequest,
  ICredentialType,
  IDataObject,
  IHttpRequestHelper,
  INodeProperties,
} from 'n8n-workflow';
import { DEFAULT_BASE_URL } from '../core/connectionSettings';
import { InvalidInputError } from '../core/errors/WeComError';
import { requestAccessToken } from '../core/token/gettoken';
import { n8nHttpTransport } from '../nodes/shared/n8nHttpTransport';
import { parameterLabels } from '../nodes/shared/parameterLabels';
import { leavePreAuthFailure, lentSignal } from '../nodes/shared/preAuthChannel';

const DOCS = 'https://github.com/n8n-nodes-wecom-groupchat/n8n-nodes-wecom-groupchat#credential';

/** WeCom errcodes the credential test can meet after a good gettoken, and what to say. */
const TEST_FAILURES: [number, string][] = [
  [48002, 'API forbidden (48002): use the Customer Contact secret (客户联系 secret), or add your app to 客户联系 -> 可调用应用'],
  [60020, "This server's IP is not in the app's trusted IPs (企业可信IP, 60020): add it, or use a fixed-IP relay as Base URL"],
  [45009, 'WeCom rate limit reached (45009): try again in a minute'],
  [-1, 'WeCom is busy (-1): try again shortly'],
];

/**
 * WeCom app credentials. n8n keeps the access token in the hidden expirable field: it calls
 * preAuthentication when the field is empty, stores the result for every execution and
 * worker, and the node empties it to force a refresh when WeCom says 40014 / 42001.
 */
export class WeComApi implements ICredentialType {
  name = 'weComApi';
  displayName = 'WeCom API';
  documentationUrl = DOCS;
  icon = 'file:wecom.svg' as const;

  properties: INodeProperties[] = [
    {
      displayName: 'Corp ID',
      name: 'corpId',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'ww0123456789abcdef',
      description: 'Your company ID (企业ID), in the WeCom admin console under My Company (我的企业)',
    },
    {
      displayName: 'Secret',
      name: 'corpSecret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description:
        'The Customer Contact secret (客户联系 -> API -> Secret), or the secret of a self-built app listed in its 可调用应用 list',
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: DEFAULT_BASE_URL,
      description: 'WeCom, a private deployment, a fixed-IP relay, or the local emulator (e.g. http://127.0.0.1:8080)',
    },
    {
      displayName: 'Access Token',
      name: 'accessToken',
      type: 'hidden',
      typeOptions: { expirable: true, password: true },
      default: '',
    },
    {
      displayName: 'Access Token Expires At',
      name: 'accessTokenExpiresAt',
      type: 'hidden',
      typeOptions: { password: true },
      default: 0,
    },
  ];

  async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
    try {
      const { token, expiresIn } = await requestAccessToken({
        baseUrl: credentials.baseUrl as string,
        corpId: credentials.corpId as string,
        corpSecret: credentials.corpSecret as string,
        transport: n8nHttpTransport((options) => this.helpers.httpRequest(options)),
        // A stopped execution stops its gettoken too (unless another one still waits for it).
        signal: lentSignal(credentials),
      });
      return { accessToken: token, accessTokenExpiresAt: Date.now() + expiresIn * 1000 };
    } catch (error) {
      leavePreAuthFailure(credentials, error);
      // The credential test shows this message: name the fields as this dialog does.
      throw error instanceof InvalidInputError ? error.withLabels(parameterLabels(new WeComApi().properties)) : error;
    }
  }

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: { qs: { access_token: '={{$credentials.accessToken}}' } },
  };

  // Lists the members with Customer Contact: proves the secret may read group statistics.
  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
      url: '/cgi-bin/externalcontact/get_follow_user_list',
    },
    rules: TEST_FAILURES.map(([errcode, message]) => ({
      type: 'responseSuccessBody' as const,
      properties: { key: 'errcode', value: errcode, message },
    })),
  };
}

