/**
 * What arrives from relays never enters the client's GUN graph. This wraps
 * GUN's mesh.hear: frames are size-capped and parsed here, messages with
 * prototype-polluting keys are dropped whole, and record values in PUTs go
 * straight to the verifying receivers of the subscribed nodes. GUN itself sees
 * only the routing fields (acks), so a hostile relay cannot plant a value with
 * a higher HAM state that would shadow the genuine record from an honest relay
 * ("any one reachable relay is enough").
 *
 * The frame cap is the relays' own (LIMITS.frameBytes, protocol §1 "the frame
 * limit for clients"): GUN's WebSocket adapter hands hear the frame's text
 * (`msg.data`, a string for text frames), so the check sits here, on that
 * string, before JSON.parse. It counts UTF-8 bytes, as relays do (the `ws`
 * maxPayload counts bytes on the wire): a string's length counts UTF-16 code
 * units, and a frame of Cyrillic or emoji is up to three times more bytes than
 * code units. Binary frames (a Blob, ArrayBuffer or Buffer) are not GUN
 * messages and are refused unread.
 */
import { LIMITS } from '../domain/limits';
import { parseSoul } from '../protocol/souls';
import { utf8Bytes } from '../protocol/utf8Bytes';
import { isPlainObject, walkMessage } from '../protocol/walkMessage';

export type Hear = (raw: unknown, peer: unknown) => void;
export type NodeSink = (id: string, value: unknown) => void;

/** Why the intake drops a frame or a message in it (protocol §14); nothing of it is passed on. */
export const INTAKE_REFUSALS = ['too-large', 'not-text', 'not-json', 'forbidden-key', 'too-deep'] as const;
export type IntakeRefusal = (typeof INTAKE_REFUSALS)[number];

export { utf8Bytes };

/** Routing fields GUN needs to match acks to its requests. */
const ROUTING = ['#', '@', 'ok', 'err', 'dam', 'pid', 'get', '><', '##'] as const;

/** The frame as a parsed value, or the refusal; a string over the cap is never parsed. */
function parse(raw: unknown): { value: unknown } | { refused: IntakeRefusal } {
  if (typeof raw !== 'string') {
    // Plain objects come only from inside this process; anything else is a binary frame.
    return Object.prototype.toString.call(raw) === '[object Object]' ? { value: raw } : { refused: 'not-text' };
  }
  if (utf8Bytes(raw, LIMITS.frameBytes) > LIMITS.frameBytes) return { refused: 'too-large' };
  try {
    return { value: JSON.parse(raw) };
  } catch {
    return { refused: 'not-json' };
  }
}

/**
 * Returns a replacement for mesh.hear. `sinkFor(soul)` gives the receiver of a
 * subscribed node, or undefined for nodes nobody here asked for; `onRefuse`
 * hears every frame or message dropped, by reason; `answersOwnAsk(at)` tells
 * replies to the adapter's own GETs (gunAsk.ts), whose acks GUN never waits for;
 * `hearAnswer(m)` takes the answers to the adapter's own PUTs (gunPut.ts).
 */
export function makeIntake(
  original: Hear,
  sinkFor: (soul: string) => NodeSink | undefined,
  onRefuse: (refusal: IntakeRefusal) => void = () => {},
  answersOwnAsk: (at: unknown) => boolean = () => false,
  hearAnswer: (m: Readonly<Record<string, unknown>>) => boolean = () => false,
): Hear {
  const one = (m: unknown, peer: unknown) => {
    if (!isPlainObject(m)) return;
    const bad = walkMessage(m);
    if (bad) return onRefuse(bad);
    if (m.put === undefined) {
      // Answers to the adapter's own PUTs (gunPut.ts) stop here: GUN never sent those PUTs.
      if (!hearAnswer(m)) original(m, peer);
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
    if (ack['@'] !== undefined && !answersOwnAsk(ack['@'])) original(ack, peer);
  };
  return (raw, peer) => {
    const parsed = parse(raw);
    if ('refused' in parsed) return onRefuse(parsed.refused);
    if (Array.isArray(parsed.value)) for (const m of parsed.value) one(m, peer);
    else one(parsed.value, peer);
  };
}
