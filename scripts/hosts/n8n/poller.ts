/**
 * An active polling workflow in process, as n8n 2.8.4's ActiveWorkflows runs it: a Workflow
 * kept in memory between polls, whose static data n8n saves to its database on activation
 * and when a poll emits (not when it throws or returns null). The first poll after
 * activation is the activation itself: if it throws, the workflow is not activated.
 * restart() drops the in-memory workflow, as stopping n8n does; the saved data survives.
 */
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, PollContext } from 'n8n-core';
// Not re-exported by n8n-core's index: what ActiveWorkflows calls on each Poll Time.
import { TriggersAndPollers } from 'n8n-core/dist/execution-engine/triggers-and-pollers';
import { Workflow, type IDataObject, type INodeExecutionData } from 'n8n-workflow';
import type { InProcessN8n, WorkflowJson } from './engine';

export interface PollOutcome {
  /** What the poll emitted (the items the workflow then runs with), or null. */
  emitted: INodeExecutionData[][] | null;
  /** Failed executions n8n records: what the poll threw or reported with __emitError. */
  errors: Error[];
  /** Set when this poll was an activation and threw: n8n refuses to activate. */
  activationError?: Error;
}

let pollCounter = 0;

export class InProcessPoller {
  private saved: IDataObject = {};
  private active?: Workflow;

  constructor(
    private readonly n8n: InProcessN8n,
    private readonly fixture: WorkflowJson,
    private readonly nodeName: string,
  ) {}

  /** The static data as n8n's database holds it now. */
  get savedStaticData(): IDataObject {
    return structuredClone(this.saved);
  }

  restart(): void {
    this.active = undefined;
  }

  /**
   * One Poll Time of the active workflow; 'manual' is Fetch Test Event, which n8n runs on
   * the workflow with a context of its own (no emit) and whose output it does not save.
   */
  async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollOutcome> {
    const activating = this.active === undefined && mode === 'trigger';
    const workflow = this.active ?? this.load();
    const node = workflow.getNode(this.nodeName);
    if (!node) throw new Error(`No node named ${this.nodeName} in ${this.fixture.name}`);
    const executionId = `poll-${++pollCounter}`;
    const additionalData = this.n8n.additionalData(executionId, new ExecutionLifecycleHooks(mode, executionId, this.workflowData()));
    const pollers = Container.get(TriggersAndPollers);
    if (mode === 'manual') return { emitted: await pollers.runPoll(workflow, node, new PollContext(workflow, node, additionalData, 'manual', 'manual')), errors: [] };
    const outcome: PollOutcome = { emitted: null, errors: [] };
    const emit = (data: INodeExecutionData[][]): void => {
      this.save(workflow);
      outcome.emitted = data;
    };
    const context = new PollContext(workflow, node, additionalData, 'trigger', activating ? 'activate' : 'init', emit, (error) => outcome.errors.push(error));
    try {
      const response = await pollers.runPoll(workflow, node, context);
      if (response !== null) context.__emit(response);
    } catch (error) {
      if (activating) return { ...outcome, activationError: error as Error };
      outcome.errors.push(error as Error);
    }
    if (activating) {
      this.active = workflow;
      this.save(workflow);
    }
    return outcome;
  }

  /** The workflow as n8n builds it from its database on activation. */
  private load(): Workflow {
    return new Workflow({
      id: 'wf-poll',
      name: this.fixture.name,
      nodes: structuredClone(this.fixture.nodes),
      connections: structuredClone(this.fixture.connections),
      active: true,
      nodeTypes: this.n8n.nodeTypes,
      staticData: structuredClone(this.saved),
      settings: this.fixture.settings ?? { executionOrder: 'v1' },
    });
  }

  private workflowData() {
    const { name, nodes, connections, settings } = this.fixture;
    return { id: 'wf-poll', name, active: true, isArchived: false, createdAt: new Date(), updatedAt: new Date(), nodes, connections, settings, activeVersionId: null };
  }

  private save(workflow: Workflow): void {
    const data = workflow.staticData as IDataObject & { __dataChanged?: boolean };
    if (data.__dataChanged !== true) return;
    this.saved = JSON.parse(JSON.stringify(data)) as IDataObject;
    data.__dataChanged = false;
  }
}
