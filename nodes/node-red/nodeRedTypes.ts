import type { WeComClient } from '../../core/client';

/** The parts of Node-RED's runtime API these nodes use (Node-RED ships no types of its own). */

export interface NodeRedMessage {
  _msgid?: string;
  payload?: unknown;
  /** For the Join node; `count` only on the last message of a sequence whose length was not known up front. */
  parts?: { id: string; index: number; count?: number; type: 'array'; len?: number };
  [key: string]: unknown;
}

export interface NodeStatus {
  fill?: 'red' | 'green' | 'yellow' | 'blue' | 'grey';
  shape?: 'ring' | 'dot';
  text?: string;
}

export interface NodeRedNode {
  id: string;
  type: string;
  /** The Name property, when the user set one. */
  name?: string;
  credentials?: Record<string, string | undefined>;
  on(event: 'input', handler: (msg: NodeRedMessage, send: (msg: NodeRedMessage | NodeRedMessage[]) => void, done: (error?: Error) => void) => void): void;
  on(event: 'close', handler: (removed: boolean, done: () => void) => void): void;
  status(status: NodeStatus): void;
  warn(message: string): void;
  error(message: string | Error, msg?: NodeRedMessage): void;
  /** The node's context, in the user's default context store (memory unless settings.js says otherwise). */
  context(): NodeContext;
}

/** Callback forms: they work with every context store, synchronous or not. */
export interface NodeContext {
  get(key: string, callback: (error: Error | null | undefined, value: unknown) => void): void;
  set(key: string, value: unknown, callback: (error: Error | null | undefined) => void): void;
}

export interface NodeRedRuntime {
  nodes: {
    createNode(node: NodeRedNode, config: Record<string, unknown>): void;
    getNode(id: string): unknown;
    registerType(type: string, constructor: (this: NodeRedNode, config: never) => void, options?: { credentials?: Record<string, { type: 'text' | 'password' }> }): void;
  };
  util: {
    generateId(): string;
    /** An environment variable as the node sees it: flow, group and global env first. */
    getSetting(node: NodeRedNode | undefined, name: string): string | undefined;
  };
  /** The message catalog of the running locale. */
  _(key: string, substitutions?: Record<string, unknown>): string;
  /** The editor's admin API (an Express app); absent when settings.js turns it off. */
  httpAdmin?: { post(path: string, ...handlers: AdminHandler[]): void };
  auth: { needsPermission(permission: string): AdminHandler };
}

export interface AdminRequest {
  body?: unknown;
}

export interface AdminResponse {
  status(code: number): AdminResponse;
  json(body: unknown): void;
}

export type AdminHandler = (request: AdminRequest, response: AdminResponse, next: () => void) => void;

export interface WeComConfigNode extends NodeRedNode {
  /** The Base URL as deployed ('' or undefined: WeCom's). */
  baseUrl?: string;
  /** A client on this config's shared token: one cached token, one refresh at a time. */
  createClient(options: { concurrency?: number }): WeComClient;
}
