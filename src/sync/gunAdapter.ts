/**
 * The GUN transport. GUN is treated as an untrusted replicated store: every
 * value read is verified by makeReceiver before anyone sees it; only wire
 * envelopes are written, one string per record under its content id; reads
 * are the adapter's own GETs, one per node and link (gunAsk.ts).
 * In the browser no local GUN storage is used (records persist in IndexedDB
 * through src/platform/recordStore), so GUN is a pure transport here.
 */
import type { CircleId } from '../domain/brand';
import { bucketOf, liveBuckets } from '../domain/bucket';
import { isCorrectedClock, systemClock, type Clock } from '../domain/clock';
import { CLOCK_SYNC, type TimeSample } from '../domain/clockOffset';
import type { Circle } from '../protocol/circle';
import type { Sealed } from '../protocol/sealRecord';
import { makeIntake, type IntakeRefusal, type NodeSink } from './gunIntake';
import { Gun, gunInternals } from './gunInternals';
import { makeAsker } from './gunAsk';
import { keepLinks, type NetworkWatch } from './gunLinks';
import { makePutSender } from './gunPut';
import { makeTimeAsker } from './gunTime';
import { makeReceiver, type Verifier } from './makeReceiver';
import type { Outbox, OutboxEntry } from '../domain/Outbox';
import { createMemoryOutbox } from './memoryOutbox';
import { createSendQueue } from './sendQueue';
import { soulOf } from '../protocol/souls';
import type { Subscription, SyncAdapter, SyncStatus } from './SyncAdapter';

export interface GunAdapterOptions {
  /** Relay URLs, e.g. http://127.0.0.1:8765/gun. None: works locally only. */
  relays: string[];
  /**
   * Dates live buckets and checks incoming records. A CorrectedClock (domain/clock) also
   * sets GUN's HAM states to network time, and its `local` clock measures time requests.
   */
  clock?: Clock;
  /** WebSocket constructor for Node (the `ws` package); browsers use their own. */
  WebSocket?: unknown;
  /** Where published records wait until a relay acknowledges them (default: in memory). */
  outbox?: Outbox;
  /** The browser's network flag: links are dropped while it says offline and reopened after. */
  network?: NetworkWatch;
  /** Verifies incoming records (default: in-process openEnvelope; the browser passes its worker pool). */
  verify?: Verifier;
  /** Hears every frame or message the intake dropped unread (over the frame cap, binary, not JSON, hostile keys). */
  onIntakeRefusal?: (refusal: IntakeRefusal) => void;
}

export function createGunAdapter(opts: GunAdapterOptions): SyncAdapter {
  const clock = opts.clock ?? systemClock;
  const gun = Gun({
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
  // Peer data bypasses GUN's graph and goes to these sinks (see gunIntake.ts).
  const sinks = new Map<string, Set<NodeSink>>();
  const internals = gunInternals(gun);
  // Reads are this adapter's own GETs, one per node and link (gunAsk.ts); GUN's chain is not used for them.
  const asker = makeAsker(internals);
  internals.wrapIntake((original) =>
    makeIntake(
      original,
      (soul) => {
        const set = sinks.get(soul);
        return set && ((id, value) => set.forEach((sink) => sink(id, value)));
      },
      opts.onIntakeRefusal,
      asker.isOwn,
      (m) => puts.hear(m),
    ),
  );
  // Relays tell their time on the link (gunTime.ts); answers are DAM `nts` messages.
  const timeListeners = new Set<(s: TimeSample) => void>();
  /** Each subscription's bucket watcher: re-run after a time answer, which may have moved the clock. */
  const watchers = new Set<() => void>();
  const timeAsker = makeTimeAsker(isCorrectedClock(clock) ? clock.local : clock, (s) => {
    timeListeners.forEach((l) => l(s));
    // A slow clock, corrected, may now be in an hour whose bucket nobody asked for yet.
    watchers.forEach((w) => w());
  });
  internals.onDam('nts', (msg, peer) => timeAsker.hear(msg, peer));
  const askAll = () => internals.links().forEach(([, p]) => timeAsker.ask(p));
  const timers = new Set<ReturnType<typeof setInterval>>();
  const listeners = new Set<(s: SyncStatus) => void>();
  let status: SyncStatus = { connected: 0, configured: opts.relays.length };
  let closed = false;

  const emit = (next: SyncStatus) => {
    if (next.connected === status.connected && next.lastSync === status.lastSync) return;
    status = next;
    for (const l of listeners) l(status);
  };
  const refresh = () => emit({ ...status, connected: internals.openLinks() });
  // Once per batch of verified records, not per record: every reader of the status (the bar, the
  // sync progress) re-runs on each change, and a fresh phone's sync verifies thousands (issue 15).
  let syncNoted = false;
  const noteSync = () => {
    if (syncNoted) return;
    syncNoted = true;
    queueMicrotask(() => {
      syncNoted = false;
      if (!closed) emit({ ...status, lastSync: clock.now() });
    });
  };

  // The offline send queue. GUN without local storage forgets a put made
  // before a link opened, and a relay that joins later never hears of it, so
  // every link that opens is sent all of this device's live records again:
  // idempotent (same id, same value; relays and receivers dedupe by id), and
  // bounded by what one person publishes within the retention window. Records
  // of one node travel together in one PUT, answered record by record (gunPut.ts).
  const queue = createSendQueue(opts.outbox ?? createMemoryOutbox(), clock);
  // The PUTs are this adapter's own too (gunPut.ts), stamped with network time once corrected (protocol §1).
  const puts = makePutSender({
    links: () => internals.links().flatMap(([, p]) => (internals.isOpen(p) ? [p] : [])),
    queue,
    now: () => clock.now(),
  });
  // This device's own writes reach its own subscriptions from here (relays do not echo a PUT to its writer).
  const own = new Map<string, Map<string, string>>();
  const send = (entries: readonly OutboxEntry[]) => {
    if (closed || entries.length === 0) return;
    // The relays first: this device's own subscriptions only start a verification.
    puts.send(entries);
    for (const e of entries) {
      const soul = soulOf(e.circle as CircleId, bucketOf(e.created));
      const held = own.get(soul) ?? own.set(soul, new Map()).get(soul)!;
      if (held.has(e.id)) continue;
      held.set(e.id, e.wire);
      sinks.get(soul)?.forEach((sink) => sink(e.id, e.wire));
    }
  };
  const resend = () => send(queue.live().filter((e) => e.refused === undefined));
  void queue.ready.then(resend);
  // GUN's hi/bye events mark link changes; a slow poll catches anything they miss.
  internals.onLink('hi', (peer) => {
    // Before the records are asked for again on this link: the relay's time then arrives ahead of them.
    timeAsker.ask(peer);
    asker.linkOpened(peer);
    queueMicrotask(refresh);
    queueMicrotask(resend);
  });
  internals.onLink('bye', () => queueMicrotask(refresh));
  timers.add(setInterval(refresh, 1000));
  timers.add(setInterval(askAll, CLOCK_SYNC.askEveryMs));
  const stopLinks = keepLinks(internals, opts.network, () => queueMicrotask(refresh));

  return {
    async publish(circle: Circle, sealed: Sealed) {
      if (closed) throw new Error('sync adapter is closed');
      const entry = { id: sealed.id, circle: circle.id, wire: sealed.wire, created: sealed.envelope.t };
      await queue.enqueue(entry, (e) => send([e]));
    },
    async forward(record) {
      if (closed) throw new Error('sync adapter is closed');
      const entry = { ...record, carried: true as const };
      await queue.enqueue(entry, (e) => send([e]));
    },
    sendState: (id) => queue.state(id),
    onTime(l) {
      timeListeners.add(l);
      return () => timeListeners.delete(l);
    },
    onSend: (l) => queue.onChange(l),
    subscribe(circle: Circle, sub: Subscription) {
      let active = true;
      // A verification still in flight may settle after unsubscribing: delivery is gated here.
      const gated = {
        onRecord: (...args: Parameters<typeof sub.onRecord>) => active && sub.onRecord(...args),
        onReject: (e: Parameters<NonNullable<typeof sub.onReject>>[0]) => active && sub.onReject?.(e),
      };
      const receive = makeReceiver(circle, gated, clock, noteSync, opts.verify);
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
          for (const [id, wire] of own.get(soul) ?? []) sink(id, wire);
          // One GET of the node on each open link now, and one on every link that opens later.
          asker.want(soul);
        }
      };
      watch();
      watchers.add(watch);
      // New hours bring new buckets.
      const timer = setInterval(watch, 60_000);
      timers.add(timer);
      return () => {
        active = false;
        watchers.delete(watch);
        clearInterval(timer);
        timers.delete(timer);
        for (const [soul, sink] of mine) {
          sinks.get(soul)?.delete(sink);
          asker.unwant(soul);
        }
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
      timeListeners.clear();
      internals.closeAll();
    },
  };
}
