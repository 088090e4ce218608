/**
 * What arrives from relays never enters the client's GUN graph. This wraps
 * GUN's mesh.hear: frames are size-capped and parsed here, messages with
 * prototype-polluting keys are dropped whole, and record values in PUTs go
 * straight to the verifying receivers of the subscribed nodes. GUN itself sees
 * only the routing fields (acks), so a hostile relay cannot plant a value with
 * a higher HAM state that would shadow the genuine record from an honest relay
 * ("any one reachable relay is enough").
 */
import { parseSoul } from './souls';
import { isPlainObject, walkMessage } from './walkMessage';

/** Vada relays send frames under 64 KB; other GUN relays batch more. Still bounded. */
export const CLIENT_FRAME_CHARS = 1 << 20;

export type Hear = (raw: unknown, peer: unknown) => void;
export type NodeSink = (id: string, value: unknown) => void;

/** Routing fields GUN needs to match acks to its requests. */
const ROUTING = ['#', '@', 'ok', 'err', 'dam', 'pid', 'get', '><', '##'] as const;

function parse(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  if (raw.length > CLIENT_FRAME_CHARS) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * Returns a replacement for mesh.hear. `sinkFor(soul)` gives the receiver of a
 * subscribed node, or undefined for nodes nobody here asked for.
 */
export function makeIntake(original: Hear, sinkFor: (soul: string) => NodeSink | undefined): Hear {
  const one = (m: unknown, peer: unknown) => {
    if (!isPlainObject(m) || walkMessage(m)) return;
    if (m.put === undefined) {
      original(m, peer);
      return;
    }
    if (isPlainObject(m.put)) {
      for (const soul of Object.keys(m.put)) {
        const sink = parseSoul(soul) ? sinkFor(soul) : undefined;
        const node = m.put[soul];
        if (!sink || !isPlainObject(node)) continue;
        for (const id of Object.keys(node)) if (id !== '_') sink(id, node[id]);
      }
    }
    const ack: Record<string, unknown> = {};
    for (const k of ROUTING) if (m[k] !== undefined && k !== 'get') ack[k] = m[k];
    if (ack['@'] !== undefined) original(ack, peer);
  };
  return (raw, peer) => {
    const parsed = parse(raw);
    if (Array.isArray(parsed)) for (const m of parsed) one(m, peer);
    else one(parsed, peer);
  };
}
