/**
 * The GUN transport. GUN is treated as an untrusted replicated store: every
 * value read is verified by makeReceiver before anyone sees it; only wire
 * envelopes are written, one string per record under its content id.
 * In the browser no local GUN storage is used (records persist in IndexedDB
 * through src/platform/recordStore), so GUN is a pure transport here.
 */
import GunImport from 'gun/gun.js';
import { liveBuckets } from '../domain/bucket';
import { systemClock, type Clock } from '../domain/clock';
import type { Circle } from '../protocol/circle';
import type { Sealed } from '../protocol/sealRecord';
import type { GunFactory, GunRoot } from './gunTypes';
import { makeIntake, type Hear, type NodeSink } from './gunIntake';
import { countOpenLinks, keepLinks, type NetworkWatch } from './gunLinks';
import { putEntry } from './gunPut';
import { makeReceiver, type Verifier } from './makeReceiver';
import type { Outbox, OutboxEntry } from './Outbox';
import { createMemoryOutbox } from './memoryOutbox';
import { createSendQueue } from './sendQueue';
import { soulOf } from './souls';
import type { Subscription, SyncAdapter, SyncStatus } from './SyncAdapter';

const Gun = GunImport as unknown as GunFactory;

export interface GunAdapterOptions {
  /** Relay URLs, e.g. http://127.0.0.1:8765/gun. None: works locally only. */
  relays: string[];
  clock?: Clock;
  /** WebSocket constructor for Node (the `ws` package); browsers use their own. */
  WebSocket?: unknown;
  /** Where published records wait until a relay acknowledges them (default: in memory). */
  outbox?: Outbox;
  /** The browser's network flag: links are dropped while it says offline and reopened after. */
  network?: NetworkWatch;
  /** Verifies incoming records (default: in-process openEnvelope; the browser passes its worker pool). */
  verify?: Verifier;
}

export function createGunAdapter(opts: GunAdapterOptions): SyncAdapter {
  const clock = opts.clock ?? systemClock;
  const gun: GunRoot = Gun({
    // An object rather than an array: GUN tests `instanceof Array`, which fails
    // across JS realms (vitest runs tests in its own context).
    peers: Object.fromEntries(opts.relays.map((url) => [url, { id: url, url }])),
    localStorage: false,
    radisk: false,
    axe: false,
    multicast: false,
    stats: false,
    file: false,
    // A client, never a relay: in a Node process that also loaded GUN's server
    // build, GUN would otherwise default every instance to `super` and open
    // links only lazily, on the first outgoing message.
    super: false,
    ...(opts.WebSocket ? { WebSocket: opts.WebSocket } : {}),
  });
  // Peer data bypasses GUN's graph and goes to these sinks (see gunIntake.ts);
  // the graph only holds this device's own writes.
  const sinks = new Map<string, Set<NodeSink>>();
  const mesh = gun._.opt.mesh;
  if (!mesh) throw new Error('GUN mesh missing: cannot attach the intake filter');
  mesh.hear = makeIntake(mesh.hear.bind(mesh) as Hear, (soul) => {
    const set = sinks.get(soul);
    return set && ((id, value) => set.forEach((sink) => sink(id, value)));
  });
  const timers = new Set<ReturnType<typeof setInterval>>();
  const listeners = new Set<(s: SyncStatus) => void>();
  let status: SyncStatus = { connected: 0, configured: opts.relays.length };
  let closed = false;

  const emit = (next: SyncStatus) => {
    if (next.connected === status.connected && next.lastSync === status.lastSync) return;
    status = next;
    for (const l of listeners) l(status);
  };
  const refresh = () => emit({ ...status, connected: countOpenLinks(gun) });

  // The offline send queue. GUN without local storage forgets a put made
  // before a link opened, and a relay that joins later never hears of it, so
  // every link that opens is sent all of this device's live records again:
  // idempotent (same id, same value; relays and receivers dedupe by id), and
  // bounded by what one person publishes within the retention window.
  const queue = createSendQueue(opts.outbox ?? createMemoryOutbox(), clock);
  const send = (e: OutboxEntry) => !closed && putEntry(gun, e, queue);
  const resend = () => queue.live().forEach((e) => e.refused === undefined && send(e));
  void queue.ready.then(resend);
  // GUN's hi/bye events mark link changes; a slow poll catches anything they miss.
  for (const ev of ['hi', 'bye']) {
    gun._.on(ev, function (peer) {
      this.to.next(peer);
      queueMicrotask(refresh);
      if (ev === 'hi') queueMicrotask(resend);
    });
  }
  timers.add(setInterval(refresh, 1000));
  const stopLinks = keepLinks(gun, opts.network, () => queueMicrotask(refresh));

  return {
    async publish(circle: Circle, sealed: Sealed) {
      if (closed) throw new Error('sync adapter is closed');
      const entry = { id: sealed.id, circle: circle.id, wire: sealed.wire, created: sealed.envelope.t };
      if (await queue.enqueue(entry)) send(entry);
    },
    async forward(record) {
      if (closed) throw new Error('sync adapter is closed');
      const entry = { ...record, carried: true as const };
      if (await queue.enqueue(entry)) send(entry);
    },
    sendState: (id) => queue.state(id),
    onSend: (l) => queue.onChange(l),
    subscribe(circle: Circle, sub: Subscription) {
      let active = true;
      // GUN's off() does not reliably detach map().on listeners, so delivery is gated here too.
      const gated = {
        onRecord: (...args: Parameters<typeof sub.onRecord>) => active && sub.onRecord(...args),
        onReject: (e: Parameters<NonNullable<typeof sub.onReject>>[0]) => active && sub.onReject?.(e),
      };
      const onVerified = () => emit({ ...status, lastSync: clock.now() });
      const receive = makeReceiver(circle, gated, clock, onVerified, opts.verify);
      const watched = new Set<number>();
      const mine: Array<[string, NodeSink]> = [];
      const watch = () => {
        for (const bucket of liveBuckets(clock.now())) {
          if (watched.has(bucket)) continue;
          watched.add(bucket);
          const soul = soulOf(circle.id, bucket);
          const sink: NodeSink = (key, value) => receive(key, bucket, value);
          (sinks.get(soul) ?? sinks.set(soul, new Set()).get(soul)!).add(sink);
          mine.push([soul, sink]);
          // The chain subscription makes GUN ask relays for the node (and ask again on
          // reconnect); its callback sees only this device's own writes.
          gun
            .get(soul)
            .map()
            .on((value, key) => receive(key, bucket, value));
        }
      };
      watch();
      // New hours bring new buckets.
      const timer = setInterval(watch, 60_000);
      timers.add(timer);
      return () => {
        active = false;
        clearInterval(timer);
        timers.delete(timer);
        for (const bucket of watched) gun.get(soulOf(circle.id, bucket)).map().off();
        for (const [soul, sink] of mine) sinks.get(soul)?.delete(sink);
      };
    },
    status: () => status,
    onStatus(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async close() {
      closed = true;
      stopLinks();
      for (const t of timers) clearInterval(t);
      timers.clear();
      listeners.clear();
      const peers = gun._.opt.peers;
      for (const [key, peer] of Object.entries(peers)) {
        // Removing the peer first stops GUN's reconnect timer.
        delete peers[key];
        try {
          peer.wire?.close();
        } catch {
          /* already closed */
        }
      }
    },
  };
}
