/**
 * An in-memory credential store with the parts of n8n's CLI CredentialsHelper that
 * httpRequestWithAuthentication uses, so n8n-core can run our node without n8n's database.
 */
import {
  ICredentialsHelper,
  type ICredentialDataDecryptedObject,
  type ICredentials,
  type ICredentialType,
  type IDataObject,
  type IHttpRequestHelper,
  type IHttpRequestOptions,
  type INode,
  type INodeCredentialsDetails,
  type INodeProperties,
  type IRequestOptionsSimplified,
  type IWorkflowExecuteAdditionalData,
  type Workflow,
} from 'n8n-workflow';
import { WeComApi } from '../../../credentials/WeComApi.credentials';

export interface StoredCredential {
  id: string;
  name: string;
  type: string;
  data: ICredentialDataDecryptedObject;
}

const credentialTypes: Record<string, ICredentialType> = { weComApi: new WeComApi() };

function credentialType(name: string): ICredentialType {
  const type = credentialTypes[name];
  if (!type) throw new Error(`Unknown credential type: ${name}`);
  return type;
}

const copy = <T>(value: T): T => structuredClone(value);

/**
 * An in-memory credential store with the parts of n8n's CLI CredentialsHelper that
 * httpRequestWithAuthentication uses. getDecrypted hands out copies, like decrypting from
 * the database does; only updateCredentials changes what is stored.
 */
export class InMemoryCredentialsHelper extends ICredentialsHelper {
  private readonly store = new Map<string, StoredCredential>();
  /** How many times preAuthentication really fetched (called the credential type's preAuthentication). */
  preAuthenticationFetches = 0;
  /** How many times n8n saved new credential data (the fetched token). */
  updates = 0;

  add(credential: StoredCredential): void {
    this.store.set(credential.id, copy(credential));
  }

  /** A copy of what is stored under `id`. */
  stored(id: string): StoredCredential {
    const credential = this.store.get(id);
    if (!credential) throw new Error(`No credential with id ${id}`);
    return copy(credential);
  }

  getParentTypes(): string[] {
    return [];
  }

  private find(nodeCredentials: INodeCredentialsDetails, type: string): StoredCredential {
    const credential = nodeCredentials.id === null ? undefined : this.store.get(nodeCredentials.id);
    if (!credential || credential.type !== type) {
      throw new Error(`Credential "${nodeCredentials.name}" (${String(nodeCredentials.id)}) of type ${type} not found`);
    }
    return credential;
  }

  async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
    const credential = this.find(nodeCredentials, type);
    // Only the shape n8n-core reads; this store keeps data decrypted.
    return {
      id: credential.id,
      name: credential.name,
      type: credential.type,
      getData: () => copy(credential.data),
    } as unknown as ICredentials;
  }

  /** The stored data with the type's defaults for missing fields, as a fresh copy. */
  async getDecrypted(
    _additionalData: IWorkflowExecuteAdditionalData,
    nodeCredentials: INodeCredentialsDetails,
    type: string,
  ): Promise<ICredentialDataDecryptedObject> {
    const credential = this.find(nodeCredentials, type);
    const defaults = Object.fromEntries(credentialType(type).properties.map((property) => [property.name, property.default]));
    return copy({ ...defaults, ...credential.data }) as ICredentialDataDecryptedObject;
  }

  async updateCredentials(nodeCredentials: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
    const credential = this.find(nodeCredentials, type);
    credential.data = copy(data);
    this.updates++;
  }

  async updateCredentialsOauthTokenData(): Promise<void> {
    throw new Error('OAuth is not used by these tests');
  }

  getCredentialsProperties(type: string): INodeProperties[] {
    return credentialType(type).properties;
  }

  /**
   * As n8n's CLI CredentialsHelper: when the type's hidden expirable property is empty (or
   * the caller says the credentials expired), run the type's preAuthentication, save the
   * result, and return the credentials with it merged in. Otherwise nothing to do.
   */
  async preAuthentication(
    helpers: IHttpRequestHelper,
    credentials: ICredentialDataDecryptedObject,
    typeName: string,
    node: INode,
    credentialsExpired: boolean,
  ): Promise<ICredentialDataDecryptedObject | undefined> {
    const type = credentialType(typeName);
    const expirable = type.properties.find((property) => property.type === 'hidden' && property.typeOptions?.expirable === true);
    if (expirable === undefined || typeof type.preAuthentication !== 'function') return undefined;
    if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
    this.preAuthenticationFetches++;
    const output = await type.preAuthentication.call(helpers, credentials);
    if (output[expirable.name] === undefined) return undefined;
    if (!node.credentials) return undefined;
    await this.updateCredentials(node.credentials[type.name], type.name, Object.assign(credentials, output));
    return Object.assign(credentials, output);
  }

  /**
   * As n8n's CLI CredentialsHelper for `authenticate`: a function is called; the generic form
   * puts each property (headers, qs, body, auth) into the request, with keys and values
   * resolved by the workflow's expression engine with `$credentials` available.
   */
  async authenticate(
    credentials: ICredentialDataDecryptedObject,
    typeName: string,
    incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
    workflow: Workflow,
    node: INode,
  ): Promise<IHttpRequestOptions> {
    const requestOptions = incomingRequestOptions as IHttpRequestOptions & Record<string, IDataObject | undefined>;
    const { authenticate } = credentialType(typeName);
    if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
    if (authenticate?.type !== 'generic') return requestOptions;
    const resolve = (value: unknown): unknown => {
      if (typeof value !== 'string' || !value.startsWith('=')) return value;
      const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
      return resolved ? String(resolved) : '';
    };
    if (requestOptions.headers === undefined) requestOptions.headers = {};
    for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
      for (const [key, value] of Object.entries(outerValue as IDataObject)) {
        const target = (requestOptions[outerKey] ??= {}) as IDataObject;
        target[String(resolve(key))] = resolve(value) as string;
      }
    }
    return requestOptions;
  }
}

