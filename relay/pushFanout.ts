/**
 * Live pushes to the relay's own WebSocket clients, sent once per event-loop
 * turn as shared frames. GUN's say, per subscriber and per message, tracks the
 * id, batches into that peer's own string, arms a timer for that peer, and the
 * socket then encodes the string to UTF-8 again for every peer. Here the
 * pushes of one turn are queued with the peers each goes to; at the end of the
 * turn every peer that gets the same messages (all subscribers of a node, as a
 * rule) gets the same frame, built and encoded once. The text of each message
 * is GUN's own (GunCore.rawOf), so the wire is what GUN would send: one
 * message alone, several as a JSON array (protocol §1), each frame under the
 * cap (fitFrames).
 */
import type { GunPeer } from './gunTypes';
import { FRAME_BYTES, fitFrames } from './fitFrames';

/** A peer the fan-out can write to: relay/wsServer.ts gives inbound sockets `sendFrame`. */
export type FramePeer = GunPeer & { sendFrame(frame: Buffer): void };

export interface PushFanout {
  /** Queues `raw` (one GUN message's text) for `peers`, in order; sent at the end of this turn. */
  push(raw: string, peers: readonly FramePeer[]): void;
}

interface Queued {
  readonly raw: string;
  readonly bytes: number;
  readonly peers: readonly FramePeer[];
}

/** Frames holding `texts` in order: one text alone, else arrays of as many as fit under `cap` bytes. */
function framesOf(texts: readonly Queued[], cap: number): Buffer[] {
  if (texts.length === 1) return fitFrames((texts[0] as Queued).raw, cap).map((f) => Buffer.from(f, 'utf8'));
  const out: Buffer[] = [];
  let batch: string[] = [];
  let size = 2;
  const emit = () => {
    if (batch.length === 1) out.push(...fitFrames(batch[0] as string, cap).map((f) => Buffer.from(f, 'utf8')));
    else if (batch.length > 1) out.push(Buffer.from(`[${batch.join(',')}]`, 'utf8'));
    batch = [];
    size = 2;
  };
  for (const t of texts) {
    if (batch.length > 0 && size + t.bytes + 1 > cap) emit();
    batch.push(t.raw);
    size += t.bytes + 1;
  }
  emit();
  return out;
}

export function makePushFanout(cap = FRAME_BYTES): PushFanout {
  let queue: Queued[] = [];

  function flush(): void {
    const turn = queue;
    queue = [];
    // Which of this turn's messages each peer gets, in order.
    const perPeer = new Map<FramePeer, number[]>();
    turn.forEach((q, i) => {
      for (const peer of q.peers) {
        const list = perPeer.get(peer);
        if (list) list.push(i);
        else perPeer.set(peer, [i]);
      }
    });
    const built = new Map<string, Buffer[]>();
    for (const [peer, list] of perPeer) {
      const key = list.join(',');
      let frames = built.get(key);
      if (!frames)
        built.set(
          key,
          (frames = framesOf(
            list.map((i) => turn[i] as Queued),
            cap,
          )),
        );
      // A peer that left meanwhile has no socket (GUN's `bye` sets wire to null).
      if (peer.wire) for (const f of frames) peer.sendFrame(f);
    }
  }

  return {
    push(raw, peers) {
      if (peers.length === 0) return;
      if (queue.length === 0) setImmediate(flush);
      queue.push({ raw, bytes: Buffer.byteLength(raw, 'utf8'), peers });
    },
  };
}
