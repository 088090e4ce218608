/**
 * Reads what a relay sent on a raw socket the way a second implementation
 * would: each text frame is one GUN message (a JSON object) or a JSON array
 * of them (protocol §1). Used to check the shapes docs/protocol.md describes
 * against the real relay.
 */
import type { RawSocket } from '../../fixtures/rawGunClient';

export type WireMsg = Record<string, unknown>;

export interface Received {
  readonly msg: WireMsg;
  /** The frame held a JSON array of messages. */
  readonly inArray: boolean;
}

/** Every message received so far, in order; throws on a frame that is neither form. */
export function received(raw: RawSocket): Received[] {
  return raw.received.flatMap((text): Received[] => {
    const v: unknown = JSON.parse(text);
    const isMsg = (m: unknown): m is WireMsg => typeof m === 'object' && m !== null && !Array.isArray(m);
    if (Array.isArray(v) && v.every(isMsg)) return v.map((msg) => ({ msg, inArray: true }));
    if (isMsg(v)) return [{ msg: v, inArray: false }];
    throw new Error(`frame is neither a message nor an array of messages: ${text.slice(0, 200)}`);
  });
}

/** The messages received so far that `pred` accepts. */
export const matching = (raw: RawSocket, pred: (m: WireMsg) => boolean): WireMsg[] =>
  received(raw)
    .map((r) => r.msg)
    .filter(pred);

/** Waits until `pred` holds for what was received (polled every 20 ms); false after `ms`. */
export async function until(raw: RawSocket, pred: (all: Received[]) => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (pred(received(raw))) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return pred(received(raw));
}

/** The messages answering `id` (their `@`), once at least `n` arrived; after `ms`, whatever arrived. */
export async function answersTo(raw: RawSocket, id: string, n = 1, ms = 5000): Promise<WireMsg[]> {
  await until(raw, (all) => all.filter((r) => r.msg['@'] === id).length >= n, ms);
  return matching(raw, (m) => m['@'] === id);
}

/** The keys of a message's node for `soul` other than `_`. */
export function recordKeys(m: WireMsg, soul: string): string[] {
  const node = (m.put as Record<string, Record<string, unknown>> | undefined)?.[soul];
  return node ? Object.keys(node).filter((k) => k !== '_') : [];
}
