import { WeComClient } from '../../core/client';
import { DEFAULT_BASE_URL, normalizeBaseUrl } from '../../core/connectionSettings';
import { InvalidInputError, WeComError } from '../../core/errors/WeComError';
import { MemoryTokenStore } from '../../core/token/tokenStore';
import { envValue } from './envValue';
import type { NodeRedNode, NodeRedRuntime, WeComConfigNode } from './nodeRedTypes';

/** The admin API path of the config dialog's "Test connection" button (under httpAdminRoot). */
export const TEST_PATH = '/wecom-config/test-connection';

/** Node-RED's stand-in, in the editor, for a password credential that is stored but never sent. */
const STORED_SECRET = '__PWRD__';
/** A test answers while the user waits: one attempt each, sooner than a run's 30 s timeout. */
const TEST_TIMEOUT_MS = 10_000;

export type TestAnswer =
  | { ok: true; members: number }
  | { ok: false; field: string }
  /** The stored secret goes only to the Base URL it was deployed with: another one needs the Secret typed. */
  | { ok: false; retypeSecret: true }
  | { ok: false; endpoint: string; errcode?: number; errmsg: string; hint?: string };

const filled = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * gettoken and the list of members with Customer Contact, with the dialog's values: Base URL
 * and Corp ID as typed, the Secret as typed or, left as the placeholder or blank, the one
 * stored for deployed config node `id`, and that only to the Base URL deployed with it (else
 * anyone who may edit the dialog could send it to a server of their own). A fresh token
 * store, so gettoken really runs. The answer never holds the secret or the token; undefined
 * for a failure that is not WeCom's nor the input's.
 */
export async function testConnection(RED: NodeRedRuntime, body: unknown): Promise<TestAnswer | undefined> {
  const typed = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const found = typeof typed.id === 'string' ? (RED.nodes.getNode(typed.id) as NodeRedNode | null) : null;
  const deployed = found?.type === 'wecom-config' ? (found as WeComConfigNode) : undefined;
  const secret = filled(typed.corpSecret);
  const fromEnv = (value: string | undefined): string | undefined => envValue(RED, deployed, value);
  const baseUrl = fromEnv(filled(typed.baseUrl));
  const useStored = secret === undefined || secret === STORED_SECRET;
  try {
    const server = (url: string | undefined): string => normalizeBaseUrl(url ?? DEFAULT_BASE_URL);
    if (useStored && deployed?.credentials?.corpSecret && server(baseUrl) !== server(fromEnv(filled(deployed.baseUrl)))) {
      return { ok: false, retypeSecret: true };
    }
    const client = new WeComClient({
      baseUrl,
      corpId: fromEnv(filled(typed.corpId)),
      corpSecret: fromEnv(useStored ? deployed?.credentials?.corpSecret : secret),
      tokenStore: new MemoryTokenStore(),
      timeoutMs: TEST_TIMEOUT_MS,
      retry: { retries: 0 },
    });
    return { ok: true, members: (await client.listFollowUsers()).length };
  } catch (error) {
    if (error instanceof InvalidInputError) return { ok: false, field: error.fieldId };
    // The editor shows the hint in its own language, by errcode, when its catalog has one.
    if (error instanceof WeComError) return { ok: false, endpoint: error.endpoint, errcode: error.errcode, errmsg: error.errmsg, hint: error.hint };
    return undefined; // unexpected: nothing of it goes out, it could hold what was typed
  }
}

/** POST TEST_PATH, for users with the wecom-config.write permission when adminAuth is on. */
export function registerConnectionTest(RED: NodeRedRuntime): void {
  RED.httpAdmin?.post(TEST_PATH, RED.auth.needsPermission('wecom-config.write'), (request, response) => {
    const failed = (): void => response.status(500).json({ ok: false });
    testConnection(RED, request.body).then((answer) => (answer ? response.json(answer) : failed()), failed);
  });
}
