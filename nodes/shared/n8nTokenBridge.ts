import type { ICredentialDataDecryptedObject, IExecuteFunctions, IHttpRequestOptions, IPollFunctions } from 'n8n-workflow';
import type { HttpRequest, HttpResponse, Transport } from '../../core/http/transport';
import type { TokenProvider } from '../../core/token/tokenProvider';
import { n8nHttpTransport, originalError } from './n8nHttpTransport';
import { lendSignal, takePreAuthFailure } from './preAuthChannel';

export const CREDENTIAL_TYPE = 'weComApi';
/** A stored token this close to expiry is not used: n8n fetches a new one first. */
const REFRESH_MARGIN_MS = 5 * 60_000;

interface SharedFetch {
  token: Promise<string>;
  /** The signal of the request that fetches: when it is aborted, waiters of other executions fetch again. */
  signal?: AbortSignal;
}

/**
 * The token fetches in flight in this process, by credential id and corp id (never the
 * secret): a queue-mode worker runs many executions at once, and those that need a token
 * together wait for one fetch. An entry lives only while its fetch runs.
 */
const fetches = new Map<string, SharedFetch>();

/**
 * Lets n8n own the access token. Requests go through httpRequestWithAuthentication with the
 * token the core chose; an empty token makes n8n run the credential's preAuthentication
 * (gettoken) and store the new token for every later execution and worker. A request sent
 * with no token first joins a fetch this process already runs for the credential, else
 * re-reads the stored credential (another worker may have stored a token since this
 * execution started), and only then lets n8n fetch. Each response names the token its
 * request really carried, so the core drops that one when WeCom rejects it and the replay
 * carries ''. Lives for one execution (or one poll): no token outside what n8n stores.
 */
export class N8nTokenBridge implements TokenProvider {
  readonly transport: Transport;
  private token: string;
  /** Tokens WeCom rejected in this execution: a stored one of these is not taken back. */
  private readonly rejected = new Set<string>();
  private readonly key: string;

  constructor(
    private readonly context: IExecuteFunctions | IPollFunctions,
    private readonly credentials: ICredentialDataDecryptedObject,
    private readonly now: () => number = Date.now,
  ) {
    this.token = this.usable(credentials);
    this.key = `${this.nodeCredential().id ?? ''}\u0000${String(credentials.corpId ?? '')}`;
    this.transport = (request) => this.sendWithToken(request);
  }

  async getToken(): Promise<string> {
    return this.token;
  }

  async invalidate(token: string): Promise<void> {
    this.rejected.add(token);
    if (this.token === token) this.token = '';
  }

  private async sendWithToken(request: HttpRequest): Promise<HttpResponse> {
    const requested = request.query?.access_token ?? '';
    if (requested !== '') return this.viaN8n(request, requested);
    for (;;) {
      if (this.token) return this.viaN8n({ ...request, query: { ...request.query, access_token: this.token } }, this.token);
      const shared = fetches.get(this.key);
      if (!shared) return this.fetchAndSend(request);
      try {
        const token = await shared.token;
        if (!this.rejected.has(token)) this.token = token;
      } catch (error) {
        // Another execution stopped while it fetched: this one fetches for itself.
        // eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- as in fetchAndSend
        if (!shared.signal?.aborted || request.signal?.aborted) throw error;
      }
    }
  }

  /** The process's one fetch for the credential: the token stored since, else n8n's gettoken along with `request`. */
  private async fetchAndSend(request: HttpRequest): Promise<HttpResponse> {
    let settle!: { resolve(token: string): void; reject(error: unknown): void };
    const shared: SharedFetch = { token: new Promise((resolve, reject) => (settle = { resolve, reject })), signal: request.signal };
    // Nobody may be waiting: a failed fetch must not become an unhandled rejection.
    shared.token.catch(() => undefined);
    fetches.set(this.key, shared);
    let failure: unknown;
    try {
      this.token = this.usable(await this.context.getCredentials(CREDENTIAL_TYPE));
      if (!this.token) return await this.viaN8n(request, '');
    } catch (error) {
      failure = error;
      // The core's pipeline classifies transport failures; the node wraps what is final.
      // eslint-disable-next-line @n8n/community-nodes/require-node-api-error
      throw error;
    } finally {
      fetches.delete(this.key);
      if (this.token) settle.resolve(this.token);
      else settle.reject(failure);
    }
    return this.viaN8n({ ...request, query: { ...request.query, access_token: this.token } }, this.token);
  }

  /** The credential's stored token, or '' when there is none, it is near expiry or WeCom rejected it. */
  private usable(credentials: ICredentialDataDecryptedObject): string {
    const stored = typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
    const expiresAt = Number(credentials.accessTokenExpiresAt) || 0;
    const fresh = expiresAt === 0 || this.now() < expiresAt - REFRESH_MARGIN_MS;
    return stored && fresh && !this.rejected.has(stored) ? stored : '';
  }

  private nodeCredential(): { id: string | null; name: string } {
    return this.context.getNode().credentials?.[CREDENTIAL_TYPE] ?? { id: null, name: '' };
  }

  /** One request through n8n, carrying `token` as the credential's token ('' fetches one first). */
  private async viaN8n(request: HttpRequest, token: string): Promise<HttpResponse> {
    const query = { ...request.query };
    delete query.access_token;
    // The credential's `authenticate` adds the token; '' makes n8n fetch one first.
    const data: ICredentialDataDecryptedObject = { ...this.credentials, accessToken: token };
    lendSignal(data, request.signal);
    const { id, name } = this.nodeCredential();
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
