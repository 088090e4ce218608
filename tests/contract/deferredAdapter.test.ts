/**
 * The deferred adapter (src/sync/deferredAdapter.ts) keeps every promise of
 * the SyncAdapter contract while its transport arrives late: the whole
 * contract runs on a memory adapter handed over only after a delay, and the
 * waiting itself is checked (status before arrival, listeners and
 * subscriptions made meanwhile, closing before arrival, a failed load retried).
 */
import { describe, expect, it } from 'vitest';
import { deferredAdapter } from '../../src/sync/deferredAdapter';
import { createMemoryAdapter, createMemoryHub } from '../../src/sync/memoryAdapter';
import type { SyncAdapter, SyncStatus } from '../../src/sync/SyncAdapter';
import { makeFixture, sealPoint } from '../fixtures/records';
import { runSyncAdapterContract } from './syncAdapterContract';

const later = <T>(value: T, ms = 5) => new Promise<T>((done) => setTimeout(() => done(value), ms));

runSyncAdapterContract('deferred (memory, arriving late)', async () => {
  const hub = createMemoryHub();
  return {
    makeAdapter: async (opts) => deferredAdapter(() => later(createMemoryAdapter(hub, opts)), 1),
    cutRelays: async () => hub.setReachable(false),
    restoreRelays: async () => hub.setReachable(true),
    inject: async (circle, bucket, id, value) => hub.inject(circle, id, value, bucket),
    rejectionsReachClient: true,
    teardown: async () => {},
  };
});

/** A load the test releases by hand. */
function gate(adapter: SyncAdapter) {
  let open!: () => void;
  const opened = new Promise<SyncAdapter>((done) => (open = () => done(adapter)));
  return { load: () => opened, open };
}

describe('deferredAdapter while the transport is on its way', () => {
  it('reports its relays as not connected, then the real status, to listeners made before', async () => {
    const hub = createMemoryHub();
    const g = gate(createMemoryAdapter(hub));
    const a = deferredAdapter(g.load, 3);
    expect(a.status()).toEqual({ connected: 0, configured: 3 });
    const heard: SyncStatus[] = [];
    a.onStatus((s) => heard.push(s));
    g.open();
    await later(undefined);
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.at(-1)?.configured).toBe(1);
    expect(a.status().connected).toBe(1);
    await a.close();
  });

  it('attaches subscriptions made before arrival, and not the ones given up meanwhile', async () => {
    const hub = createMemoryHub();
    const f = await makeFixture();
    const writer = createMemoryAdapter(hub);
    await writer.publish(f.circle, await sealPoint(f, 'early'));
    const g = gate(createMemoryAdapter(hub));
    const a = deferredAdapter(g.load, 1);
    const kept: string[] = [];
    const dropped: string[] = [];
    a.subscribe(f.circle, { onRecord: (r) => kept.push(r.id) });
    const stop = a.subscribe(f.circle, { onRecord: (r) => dropped.push(r.id) });
    stop();
    g.open();
    await later(undefined, 20);
    expect(kept).toHaveLength(1);
    expect(dropped).toEqual([]);
    await a.close();
    await writer.close();
  });

  it('sends once the transport is here, and resolves only then', async () => {
    const hub = createMemoryHub();
    const f = await makeFixture();
    const g = gate(createMemoryAdapter(hub));
    const a = deferredAdapter(g.load, 1);
    const sealed = await sealPoint(f, 'sent late');
    let done = false;
    const sending = a.publish(f.circle, sealed).then(() => (done = true));
    await later(undefined);
    expect(done).toBe(false);
    expect(a.sendState(sealed.id)).toBeUndefined();
    g.open();
    await sending;
    expect(a.sendState(sealed.id)?.state).toBe('sent');
  });

  it('closes a transport that arrives after close', async () => {
    let closed = false;
    const real = createMemoryAdapter(createMemoryHub());
    const g = gate({ ...real, close: async () => void (closed = true) });
    const a = deferredAdapter(g.load, 1);
    await a.close();
    g.open();
    await later(undefined);
    expect(closed).toBe(true);
  });

  it('tries a failed load again on the next send', async () => {
    const hub = createMemoryHub();
    const f = await makeFixture();
    let calls = 0;
    const a = deferredAdapter(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return createMemoryAdapter(hub);
    }, 1);
    await later(undefined);
    const sealed = await sealPoint(f, 'after a failed load');
    await a.publish(f.circle, sealed);
    expect(calls).toBe(2);
    expect(a.sendState(sealed.id)?.state).toBe('sent');
    await a.close();
  });
});
