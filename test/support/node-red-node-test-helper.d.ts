// The parts of node-red-node-test-helper 0.3.6 these tests use (it ships no types).
declare module 'node-red-node-test-helper' {
  interface TestNode {
    receive(msg: Record<string, unknown>): void;
    on(event: 'input', handler: (msg: never) => void): void;
    /** The helper spies Node's methods and emits `call:<method>` with sinon's call record. */
    on(event: 'call:error' | 'call:status', handler: (call: { args: never[] }) => void): void;
    removeListener(event: string, handler: (...args: never[]) => void): void;
    /** Node-RED's own: called when the node calls done() for a message. */
    _complete(msg: unknown, error?: Error): void;
    context(): { get(key: string): unknown };
    once(event: 'input', handler: (msg: never) => void): void;
    status(status: Record<string, unknown>): void;
  }
  /** supertest's request to the admin API: chainable, and a promise of the response. */
  interface AdminRequest extends PromiseLike<{ status: number; text: string; body: unknown }> {
    send(body: unknown): AdminRequest;
    set(header: string, value: string): AdminRequest;
  }
  const helper: {
    init(nodeRedPath: string): void;
    load(nodes: unknown[], flow: Record<string, unknown>[], credentials?: Record<string, Record<string, string>>): Promise<void>;
    /** A deploy of the runtime ('full' by default): changed and removed nodes are closed. */
    setFlows(flow: Record<string, unknown>[], type?: 'full' | 'flows' | 'nodes', credentials?: Record<string, Record<string, string>>): Promise<void>;
    unload(): Promise<void>;
    getNode(id: string): TestNode;
    startServer(done: () => void): void;
    stopServer(done: () => void): void;
    log(): { args: unknown[][] };
    /** Requests to the admin API (RED.httpAdmin) of the loaded flow. */
    request(): { post(path: string): AdminRequest };
  };
  export default helper;
}
