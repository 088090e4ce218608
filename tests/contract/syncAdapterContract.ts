/**
 * One contract for every SyncAdapter (automerge-repo's shared-suite pattern):
 * the memory adapter and the GUN adapter (over a hostile stock relay and over
 * Vada's real relay process) must all pass it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CircleId } from '../../src/domain/brand';
import { bucketOf } from '../../src/domain/bucket';
import type { Rejection } from '../../src/domain/result';
import type { VerifiedRecord } from '../../src/domain/records';
import { encodeEnvelope } from '../../src/protocol/envelope';
import { generateIdentity } from '../../src/protocol/identity';
import { sealRecord } from '../../src/protocol/sealRecord';
import type { Outbox } from '../../src/domain/Outbox';
import type { SyncAdapter } from '../../src/sync/SyncAdapter';
import { outboxCases } from './outboxContract';
import { makeFixture, sealPoint, sleep, waitFor, type Fixture } from '../fixtures/records';

export interface Collector {
  records: VerifiedRecord[];
  rejections: Rejection[];
  ids(): string[];
}

export interface ContractEnv {
  /** A new adapter; `outbox` given: it keeps its queue there (a reload reuses it). */
  makeAdapter(opts?: { outbox?: Outbox }): Promise<SyncAdapter>;
  /** Makes every relay unreachable (adapters keep them configured and retry). */
  cutRelays(): Promise<void>;
  /** Brings the relays back on the same addresses. */
  restoreRelays(): Promise<void>;
  /** Relay counters since it last started, when the environment can read them. */
  relayCounts?(): Promise<{ accepted: number; stored: number }>;
  /** Inputs the relay refused since it last started, when the environment can read them. */
  relayRefusals?(): Promise<number>;
  /** Writes a raw value under (circle, bucket, id) as a hostile peer would. */
  inject(circle: CircleId, bucket: number, id: string, value: unknown): Promise<void>;
  /** True when hostile values reach the client (no filtering relay in between). */
  readonly rejectionsReachClient: boolean;
  teardown(): Promise<void>;
}

export function collect(adapter: SyncAdapter, f: Fixture): Collector & { stop: () => void } {
  const c: Collector = { records: [], rejections: [], ids: () => c.records.map((r) => r.id) };
  const stop = adapter.subscribe(f.circle, {
    onRecord: (r) => c.records.push(r),
    onReject: (e) => c.rejections.push(e),
  });
  return Object.assign(c, { stop });
}

/** What the environment's relays do beyond storing and forwarding. */
export interface ContractOptions {
  /** The relays check every record and answer each PUT record by record (Vada relays, protocol §11.1). */
  readonly relayChecksRecords?: boolean;
}

export function runSyncAdapterContract(
  name: string,
  setup: () => Promise<ContractEnv>,
  options: ContractOptions = {},
): void {
  describe(`SyncAdapter contract: ${name}`, () => {
    let env: ContractEnv;
    let f: Fixture;
    const adapters: SyncAdapter[] = [];
    const make = async (opts?: { outbox?: Outbox }) => {
      const a = await env.makeAdapter(opts);
      adapters.push(a);
      return a;
    };
    beforeEach(async () => {
      env = await setup();
      f = await makeFixture();
    });
    afterEach(async () => {
      await Promise.all(adapters.splice(0).map((a) => a.close()));
      await env.teardown();
    });

    it('delivers a published record, verified, to another peer', async () => {
      const [a, b] = [await make(), await make()];
      const seen = collect(b, f);
      await sleep(200);
      const s = await sealPoint(f, 'Kastryčnickaja');
      await a.publish(f.circle, s);
      await waitFor(() => seen.ids().includes(s.id), 'record at peer B');
      const got = seen.records.find((r) => r.id === s.id)!;
      expect(got.kind).toBe('point');
      expect(got.author).toBe(f.alice.publicKey);
      expect(got.kind === 'point' && got.payload.title).toBe('Kastryčnickaja');
    });

    it('delivers history to a peer that subscribes later, and own records to the publisher', async () => {
      const a = await make();
      const mine = collect(a, f);
      const s = await sealPoint(f, 'earlier');
      await a.publish(f.circle, s);
      await waitFor(() => mine.ids().includes(s.id), 'own record');
      const b = await make();
      const late = collect(b, f);
      await waitFor(() => late.ids().includes(s.id), 'history at late peer');
    });

    it('delivers each record once per subscription even when published twice', async () => {
      const [a, b] = [await make(), await make()];
      const seen = collect(b, f);
      const s = await sealPoint(f, 'twice');
      await a.publish(f.circle, s);
      await a.publish(f.circle, s);
      await waitFor(() => seen.ids().includes(s.id), 'record');
      await sleep(300);
      expect(seen.ids().filter((id) => id === s.id)).toHaveLength(1);
    });

    it('never delivers forged, tampered or misfiled values, and still delivers honest ones', async () => {
      const [a, b] = [await make(), await make()];
      const seen = collect(b, f);
      const now = Date.now();
      const bucket = bucketOf(now);
      const good = await sealPoint(f, 'honest');
      const forged = await sealPoint(f, 'forged');
      const tampered = { ...forged.envelope, t: forged.envelope.t + 1 };
      const otherBucket = await sealPoint(f, 'misfiled');
      await env.inject(f.circle.id, bucket, forged.id, encodeEnvelope(tampered)); // id no longer matches
      await env.inject(
        f.circle.id,
        bucket,
        good.id.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
        good.wire,
      ); // wrong key
      await env.inject(f.circle.id, bucket, 'x'.repeat(43), '<img src=x onerror=alert(1)>');
      await env.inject(f.circle.id, bucket - 1, otherBucket.id, otherBucket.wire); // filed under the wrong hour
      const sigSwap = { ...forged.envelope, a: f.mallory.publicKey };
      const swapped = await sealRecord(
        f.mallory,
        f.circle,
        'point',
        { title: 'x', note: '', lat: 1, lon: 1, start: now, end: now + 3_600_000 },
        now,
      );
      await env.inject(f.circle.id, bucket, swapped.id, encodeEnvelope({ ...swapped.envelope, s: forged.envelope.s }));
      await env.inject(f.circle.id, bucket, forged.id, encodeEnvelope(sigSwap));
      await a.publish(f.circle, good);
      await waitFor(() => seen.ids().includes(good.id), 'honest record after hostile ones');
      await sleep(500);
      expect(seen.ids()).toEqual([good.id]);
      if (env.rejectionsReachClient) {
        const codes = new Set(seen.rejections.map((r) => r.code));
        expect(codes.has('bad-id') || codes.has('bad-signature')).toBe(true);
        expect(codes.has('wrong-bucket')).toBe(true);
      }
    });

    it('stops delivering after unsubscribe', async () => {
      const [a, b] = [await make(), await make()];
      const seen = collect(b, f);
      const first = await sealPoint(f, 'first');
      await a.publish(f.circle, first);
      await waitFor(() => seen.ids().includes(first.id), 'first');
      seen.stop();
      const second = await sealPoint(f, 'second');
      await a.publish(f.circle, second);
      await sleep(500);
      expect(seen.ids()).not.toContain(second.id);
    });

    it('carries a few hundred records without loss', async () => {
      const [a, b] = [await make(), await make()];
      const seen = collect(b, f);
      await sleep(200);
      // One author per quota's worth of points: a Vada relay refuses a key's 21st point in an hour.
      const authors = await Promise.all(Array.from({ length: 15 }, () => generateIdentity()));
      const sealed = await Promise.all(
        Array.from({ length: 300 }, (_, i) => sealPoint(f, `p${i}`, authors[Math.floor(i / 20)])),
      );
      for (const s of sealed) await a.publish(f.circle, s);
      await waitFor(() => new Set(seen.ids()).size === 300, '300 records', 20_000);
      expect(seen.records.every((r) => r.circle === f.circle.id)).toBe(true);
    });

    outboxCases({
      env: () => env,
      fixture: () => f,
      make,
      forget: (a) => adapters.splice(adapters.indexOf(a), 1),
      relayChecksRecords: options.relayChecksRecords === true,
    });

    it('reports a connection when a relay is there', async () => {
      const a = await make();
      await waitFor(() => a.status().connected >= 1, 'connected status');
      expect(a.status().configured).toBeGreaterThanOrEqual(1);
    });
  });
}
