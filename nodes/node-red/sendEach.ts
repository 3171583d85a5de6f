import type { NodeRedMessage } from './nodeRedTypes';

type Parts = NonNullable<NodeRedMessage['parts']>;

/** Let Node-RED deliver what was sent after this many messages, so they never pile up. */
const DELIVER_EVERY = 1000;

/**
 * One message per record, sent as the records come: a per-window run never holds all its
 * records at once. msg.parts is for the core Join node; the count is known only at the end,
 * so it is on the last message, as Node-RED's own streaming Split node does. Resolves with
 * the number of messages sent.
 */
export async function sendEach(
  records: AsyncIterable<unknown>,
  id: string,
  message: (payload: unknown, parts: Parts) => NodeRedMessage,
  send: (msg: NodeRedMessage) => void,
): Promise<number> {
  let held: { payload: unknown } | undefined;
  let index = 0;
  for await (const payload of records) {
    if (held) {
      send(message(held.payload, { id, index: index - 1, type: 'array', len: 1 }));
      if (index % DELIVER_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    held = { payload };
    index++;
  }
  if (held) send(message(held.payload, { id, index: index - 1, count: index, type: 'array', len: 1 }));
  return index;
}
