// The parts of Node-RED's embedding API (require('node-red')) used in process here.
declare module 'node-red' {
  interface HookEvents {
    onSend: { msg: Record<string, unknown>; source: { id: string } }[];
    onComplete: { msg: Record<string, unknown>; error?: Error; node: { id: string } };
  }
  const RED: {
    init(settings: Record<string, unknown>): void;
    start(): Promise<void>;
    stop(): Promise<void>;
    nodes: { getNode(id: string): { receive(msg: Record<string, unknown>): void } | null };
    hooks: {
      add<K extends keyof HookEvents>(name: `${K}.${string}`, hook: (event: HookEvents[K]) => void): void;
      remove(name: string): void;
    };
    events: {
      on(event: 'flows:started', listener: (event: { config: { rev: string } }) => void): void;
      off(event: 'flows:started', listener: (event: { config: { rev: string } }) => void): void;
    };
    runtime: {
      flows: { setFlows(options: { flows: { flows: object[]; credentials: Record<string, Record<string, string>> }; deploymentType: 'full' }): Promise<{ rev: string }> };
    };
  };
  export = RED;
}
