import type { ICredentialDataDecryptedObject, IExecuteFunctions, IHttpRequestOptions, IPollFunctions } from 'n8n-workflow';
import type { HttpRequest, HttpResponse, Transport } from '../../core/http/transport';
import type { TokenProvider } from '../../core/token/tokenProvider';
import { n8nHttpTransport, originalError } from './n8nHttpTransport';
import { lendSignal, takePreAuthFailure } from './preAuthChannel';

export const CREDENTIAL_TYPE = 'weComApi';
/** A stored token this close to expiry is not used: n8n fetches a new one first. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Lets n8n own the access token. Requests go through httpRequestWithAuthentication with the
 * token the core chose; an empty token makes n8n run the credential's preAuthentication
 * (gettoken) and store the new token for every later execution and worker. A request sent
 * with no token uses one fetched since, if any; only one request at a time fetches, the
 * others wait for it. Each response names the token its request really carried, so the
 * core drops that one when WeCom rejects it and the replay carries '' (n8n refreshes).
 * Lives for one execution (or one poll): no state outside what n8n stores.
 */
export class N8nTokenBridge implements TokenProvider {
  readonly transport: Transport;
  private token: string;
  private fetching?: Promise<void>;
  private fetchError?: unknown;

  constructor(
    private readonly context: IExecuteFunctions | IPollFunctions,
    private readonly credentials: ICredentialDataDecryptedObject,
    now: () => number = Date.now,
  ) {
    const stored = typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
    const expiresAt = Number(credentials.accessTokenExpiresAt) || 0;
    this.token = stored && (expiresAt === 0 || now() < expiresAt - REFRESH_MARGIN_MS) ? stored : '';
    this.transport = (request) => this.sendWithToken(request);
  }

  async getToken(): Promise<string> {
    return this.token;
  }

  async invalidate(token: string): Promise<void> {
    if (this.token === token) this.token = '';
  }

  private async sendWithToken(request: HttpRequest): Promise<HttpResponse> {
    const requested = request.query?.access_token ?? '';
    if (requested !== '') return this.viaN8n(request, requested);
    if (this.fetching) {
      await this.fetching;
      if (!this.token) throw this.fetchError;
    }
    if (this.token) return this.viaN8n({ ...request, query: { ...request.query, access_token: this.token } }, this.token);
    return this.sendFetchingToken(request);
  }

  private async sendFetchingToken(request: HttpRequest): Promise<HttpResponse> {
    let done!: () => void;
    this.fetching = new Promise((resolve) => (done = resolve));
    this.fetchError = undefined;
    try {
      return await this.viaN8n(request, '');
    } catch (error) {
      if (!this.token) this.fetchError = error;
      // The core's pipeline classifies transport failures; the node wraps what is final.
      // eslint-disable-next-line @n8n/community-nodes/require-node-api-error
      throw error;
    } finally {
      this.fetching = undefined;
      done();
    }
  }

  /** One request through n8n, carrying `token` as the credential's token ('' fetches one first). */
  private async viaN8n(request: HttpRequest, token: string): Promise<HttpResponse> {
    const query = { ...request.query };
    delete query.access_token;
    // The credential's `authenticate` adds the token; '' makes n8n fetch one first.
    const data: ICredentialDataDecryptedObject = { ...this.credentials, accessToken: token };
    lendSignal(data, request.signal);
    const { id, name } = this.context.getNode().credentials?.[CREDENTIAL_TYPE] ?? { id: null, name: '' };
    const send = n8nHttpTransport(async (options: IHttpRequestOptions) => {
      try {
        return await this.context.helpers.httpRequestWithAuthentication.call(this.context, CREDENTIAL_TYPE, options, {
          credentialsDecrypted: { id: id ?? '', name, type: CREDENTIAL_TYPE, data },
        });
      } catch (error) {
        // A failed gettoken, as the credential left it, or the request's own failure.
        throw takePreAuthFailure(data) ?? originalError(error);
      } finally {
        // n8n writes the token it fetched into the data it was given.
        if (token === '' && typeof data.accessToken === 'string' && data.accessToken !== '') this.token = data.accessToken;
      }
    });
    const response = await send({ ...request, query });
    return { ...response, accessToken: token === '' ? String(data.accessToken ?? '') : token };
  }
}
