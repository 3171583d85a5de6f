/**
 * Runs n8n workflow JSON in-process with n8n-core's real engine (WorkflowExecute) and
 * n8n-workflow's Workflow, with our node and credential type. What n8n's CLI normally
 * provides (database, credential store) is replaced by the in-memory stand-ins next to it.
 * Used by the tests, the demo and the benchmark.
 */
// First: n8n-core must not find the home folder as its user folder.
import { removeN8nUserFolder } from './userFolder';
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, ExternalSecretsProxy, WorkflowExecute } from 'n8n-core';
// Not re-exported by n8n-core's index; needed to stop its timer (see releaseN8nResources).
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import {
  Workflow,
  type ICredentialDataDecryptedObject,
  type IConnections,
  type IDataObject,
  type INode,
  type INodeExecutionData,
  type IRun,
  type ITaskData,
  type IWorkflowExecuteAdditionalData,
  type IWorkflowSettings,
} from 'n8n-workflow';
import { InMemoryCredentialsHelper } from './credentialsHelper';
import { InProcessNodeTypes } from './nodeTypes';

const copy = <T>(value: T): T => structuredClone(value);

export interface WorkflowJson {
  name: string;
  nodes: INode[];
  connections: IConnections;
  settings?: IWorkflowSettings;
  pinData?: IDataObject;
}

/** A copy of the fixture with one node changed: `parameters` are merged, other fields replaced. */
export function withNode(fixture: WorkflowJson, nodeName: string, change: Partial<INode>): WorkflowJson {
  const result = copy(fixture);
  const node = result.nodes.find((candidate) => candidate.name === nodeName);
  if (!node) throw new Error(`No node named ${nodeName} in ${fixture.name}`);
  const { parameters, ...rest } = change;
  Object.assign(node, rest);
  if (parameters) node.parameters = { ...node.parameters, ...parameters };
  return result;
}

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
export class InProcessN8n {
  readonly nodeTypes = new InProcessNodeTypes();
  readonly credentials = new InMemoryCredentialsHelper();

  constructor(emulator: EmulatorConnection) {
    this.credentials.add({
      ...CREDENTIAL,
      data: { corpId: emulator.corpId, corpSecret: emulator.corpSecret, baseUrl: emulator.baseUrl },
    });
  }

  /** Stores a token in the credential, as an earlier execution would have. */
  storeToken(accessToken: string, accessTokenExpiresAt: number): void {
    this.credentials.add({ ...CREDENTIAL, data: { ...this.storedCredential(), accessToken, accessTokenExpiresAt } });
  }

  /** The credential data as n8n has stored it now. */
  storedCredential(): ICredentialDataDecryptedObject {
    return this.credentials.stored(CREDENTIAL.id).data;
  }

  /** What n8n's CLI gives every execution and poll: the credential store, hooks, URLs. */
  additionalData(executionId: string, hooks: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
    const unsupported = (what: string) => () => {
      throw new Error(`${what} is not supported in process`);
    };
    return {
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
  }

  /** Runs the workflow; aborting `signal` stops it as n8n's "stop execution" does. */
  async run(fixture: WorkflowJson, signal?: AbortSignal): Promise<WorkflowRun> {
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
    const additionalData = this.additionalData(executionId, hooks);
    const execution = new WorkflowExecute(additionalData, 'manual').run({ workflow });
    // n8n's ActiveExecutions.stopExecution cancels the engine's PCancelable, which aborts the
    // signal nodes get from getExecutionCancelSignal(); the run then resolves as 'canceled'.
    if (signal?.aborted) execution.cancel();
    else signal?.addEventListener('abort', () => execution.cancel(), { once: true });
    const run = await execution;
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
 * Also removes the temporary user folder. Call once after the last run, or jest cannot exit.
 */
export function releaseN8nResources(): void {
  if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
  removeN8nUserFolder();
}

