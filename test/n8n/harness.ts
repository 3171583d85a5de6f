/**
 * Runs n8n workflow JSON in-process with n8n-core's real engine (WorkflowExecute) and
 * n8n-workflow's Workflow, with our node and credential type, against the local emulator.
 *
 * What n8n's CLI normally provides is replaced by small in-memory stand-ins:
 * - InMemoryCredentialsHelper: a credential store plus preAuthentication/authenticate that
 *   mirror the CLI's CredentialsHelper (expirable hidden property, generic authenticate
 *   resolved with the workflow's own expression engine).
 * - HarnessNodeTypes: our node, a manual trigger like n8n-nodes-base's (not installed here),
 *   and 'test.emitItems', which outputs the items given in its `items` JSON parameter.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, ExternalSecretsProxy, WorkflowExecute } from 'n8n-core';
// Not re-exported by n8n-core's index; needed to stop its timer (see releaseN8nResources).
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import {
  ICredentialsHelper,
  NodeConnectionTypes,
  Workflow,
  type ICredentialDataDecryptedObject,
  type ICredentials,
  type ICredentialType,
  type IDataObject,
  type IExecuteFunctions,
  type IHttpRequestHelper,
  type IHttpRequestOptions,
  type INode,
  type INodeCredentialsDetails,
  type INodeExecutionData,
  type INodeProperties,
  type INodeType,
  type INodeTypes,
  type IRequestOptionsSimplified,
  type IRun,
  type ITaskData,
  type ITriggerFunctions,
  type ITriggerResponse,
  type IConnections,
  type IWorkflowExecuteAdditionalData,
  type IWorkflowSettings,
} from 'n8n-workflow';
import { WeComApi } from '../../credentials/WeComApi.credentials';
import { WeComGroupChatStatistic } from '../../nodes/WeComGroupChatStatistic/WeComGroupChatStatistic.node';

export const WECOM_NODE_TYPE = 'n8n-nodes-wecom-groupchat.weComGroupChatStatistic';
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
export const EMIT_ITEMS_TYPE = 'test.emitItems';

// ---------------------------------------------------------------------------------------------
// Node types

/** Like n8n-nodes-base's Manual Trigger: emits one empty item when the workflow is run by hand. */
class ManualTrigger implements INodeType {
  description: INodeType['description'] = {
    displayName: 'Manual Trigger',
    name: 'manualTrigger',
    group: ['trigger', 'input'],
    version: 1,
    description: 'Runs the flow on clicking a button in n8n',
    maxNodes: 1,
    defaults: { name: "When clicking 'Execute workflow'" },
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    properties: [],
  };

  async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
    const manualTriggerFunction = async () => {
      this.emit([this.helpers.returnJsonArray([{}])]);
    };
    return { manualTriggerFunction };
  }
}

/** Outputs its `items` parameter (a JSON array of objects) as items, each paired with input item 0. */
class EmitItems implements INodeType {
  description: INodeType['description'] = {
    displayName: 'Emit Items',
    name: 'emitItems',
    group: ['transform'],
    version: 1,
    description: 'Test helper: outputs the given JSON items',
    defaults: { name: 'Emit Items' },
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const raw = this.getNodeParameter('items', 0) as unknown;
    const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
    return [list.map((json) => ({ json, pairedItem: { item: 0 } }))];
  }
}

export class HarnessNodeTypes implements INodeTypes {
  private readonly types: Record<string, INodeType> = {
    [WECOM_NODE_TYPE]: new WeComGroupChatStatistic(),
    [MANUAL_TRIGGER_TYPE]: new ManualTrigger(),
    [EMIT_ITEMS_TYPE]: new EmitItems(),
  };

  getByName(nodeType: string): INodeType {
    const type = this.types[nodeType];
    if (!type) throw new Error(`Unknown node type: ${nodeType}`);
    return type;
  }

  getByNameAndVersion(nodeType: string): INodeType {
    return this.getByName(nodeType);
  }

  getKnownTypes(): IDataObject {
    return Object.fromEntries(Object.keys(this.types).map((name) => [name, { className: name, sourcePath: '' }]));
  }
}

// ---------------------------------------------------------------------------------------------
// Credentials

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

// ---------------------------------------------------------------------------------------------
// Workflow fixtures

export interface WorkflowFixture {
  name: string;
  nodes: INode[];
  connections: IConnections;
  settings?: IWorkflowSettings;
  pinData?: IDataObject;
}

const FIXTURES = join(__dirname, 'fixtures');

/** A fresh copy of fixtures/<name>.workflow.json. */
export function loadFixture(name: string): WorkflowFixture {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.workflow.json`), 'utf8')) as WorkflowFixture;
}

/** A copy of the fixture with one node changed: `parameters` are merged, other fields replaced. */
export function withNode(fixture: WorkflowFixture, nodeName: string, change: Partial<INode>): WorkflowFixture {
  const result = copy(fixture);
  const node = result.nodes.find((candidate) => candidate.name === nodeName);
  if (!node) throw new Error(`No node named ${nodeName} in ${fixture.name}`);
  const { parameters, ...rest } = change;
  Object.assign(node, rest);
  if (parameters) node.parameters = { ...node.parameters, ...parameters };
  return result;
}

// ---------------------------------------------------------------------------------------------
// Running

export interface EmulatorConnection {
  baseUrl: string;
  corpId: string;
  corpSecret: string;
}

export interface WorkflowRun {
  run: IRun;
  /** The node's first task (run index 0). */
  task(nodeName: string): ITaskData;
  /** The items on the node's first output. */
  items(nodeName: string): INodeExecutionData[];
}

/** The credential the fixtures reference: {"weComApi": {"id": "1", "name": "WeCom emulator"}}. */
export const CREDENTIAL = { id: '1', name: 'WeCom emulator', type: 'weComApi' } as const;

let executionCounter = 0;

/**
 * One n8n instance's worth of state: node types and a credential store that survives across
 * runs (as n8n's database does). The emulator's address goes into the stored credential only.
 */
export class N8nHarness {
  readonly nodeTypes = new HarnessNodeTypes();
  readonly credentials = new InMemoryCredentialsHelper();

  constructor(emulator: EmulatorConnection) {
    this.credentials.add({
      ...CREDENTIAL,
      data: { corpId: emulator.corpId, corpSecret: emulator.corpSecret, baseUrl: emulator.baseUrl },
    });
  }

  /** The credential data as n8n has stored it now. */
  storedCredential(): ICredentialDataDecryptedObject {
    return this.credentials.stored(CREDENTIAL.id).data;
  }

  async run(fixture: WorkflowFixture): Promise<WorkflowRun> {
    const executionId = String(++executionCounter);
    const workflowId = 'wf-test';
    const workflow = new Workflow({
      id: workflowId,
      name: fixture.name,
      nodes: copy(fixture.nodes),
      connections: copy(fixture.connections),
      active: false,
      nodeTypes: this.nodeTypes,
      staticData: {},
      settings: fixture.settings ?? { executionOrder: 'v1' },
    });
    const hooks = new ExecutionLifecycleHooks('manual', executionId, {
      id: workflowId,
      name: fixture.name,
      active: false,
      isArchived: false,
      createdAt: new Date(),
      updatedAt: new Date(),
      nodes: fixture.nodes,
      connections: fixture.connections,
      settings: fixture.settings,
      activeVersionId: null,
    });
    const unsupported = (what: string) => () => {
      throw new Error(`${what} is not supported by the test harness`);
    };
    const additionalData: IWorkflowExecuteAdditionalData = {
      credentialsHelper: this.credentials,
      hooks,
      externalSecretsProxy: new ExternalSecretsProxy(),
      executionId,
      currentNodeExecutionIndex: 0,
      executeWorkflow: unsupported('executeWorkflow'),
      getRunExecutionData: async () => undefined,
      restApiUrl: 'http://127.0.0.1:5678/rest',
      instanceBaseUrl: 'http://127.0.0.1:5678/',
      formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
      webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
      webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
      webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
      variables: {},
      logAiEvent: () => undefined,
      startRunnerTask: unsupported('startRunnerTask'),
    };
    const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow });
    const task = (nodeName: string): ITaskData => {
      const tasks = run.data.resultData.runData[nodeName];
      if (!tasks || tasks.length === 0) throw new Error(`Node "${nodeName}" did not run`);
      return tasks[0];
    };
    return {
      run,
      task,
      items: (nodeName) => task(nodeName).data?.main?.[0] ?? [],
    };
  }
}

/**
 * Stops what n8n-core's DI container started while running: SSHClientsManager (created for
 * every node context) keeps an un-unref'd 60 s cleanup interval that n8n clears at shutdown.
 * Call once after the last run, or jest cannot exit.
 */
export function releaseN8nResources(): void {
  if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
}

/**
 * Everything in a value as JSON, for looking for leaked secrets: unlike JSON.stringify it
 * skips no toJSON view and keeps Errors' message, stack and non-enumerable properties.
 * Cycles are cut.
 */
export function serializeEverything(value: unknown): string {
  const seen = new WeakSet<object>();
  const plain = (current: unknown): unknown => {
    if (typeof current !== 'object' || current === null) return typeof current === 'bigint' ? String(current) : current;
    if (current instanceof Date) return current.toISOString();
    if (seen.has(current)) return '[Circular]';
    seen.add(current);
    if (Array.isArray(current)) return current.map(plain);
    const names = current instanceof Error ? ['name', 'message', 'stack', ...Object.getOwnPropertyNames(current)] : Object.keys(current);
    return Object.fromEntries(names.map((name) => [name, plain((current as Record<string, unknown>)[name])]));
  };
  return JSON.stringify(plain(value));
}
