/**
 * A hostile (stock GUN) relay forwards a frame over the 64 KB cap that Vada
 * relays enforce. The client's intake (src/sync/gunIntake.ts) drops it unread
 * and counts it, while an honest record on the same link still arrives.
 */
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bucketOf } from '../../../src/domain/bucket';
import { LIMITS } from '../../../src/domain/limits';
import { createGunAdapter } from '../../../src/sync/gunAdapter';
import type { IntakeRefusal } from '../../../src/sync/gunIntake';
import { soulOf } from '../../../src/protocol/souls';
import type { SyncAdapter } from '../../../src/sync/SyncAdapter';
import { openRawSocket, type RawSocket } from '../../fixtures/rawGunClient';
import { makeFixture, sealPoint, sleep, waitFor } from '../../fixtures/records';
import { startStockGunRelay, type StockRelay } from '../../fixtures/stockGunRelay';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it('an oversized frame from a relay is dropped before parsing; a genuine record after it still arrives', async () => {
  const relay: StockRelay = await startStockGunRelay();
  cleanup.push(() => relay.close());
  const f = await makeFixture();
  const genuine = await sealPoint(f, 'genuine');
  const soul = soulOf(f.circle.id, bucketOf(genuine.envelope.t));

  const intake: IntakeRefusal[] = [];
  const reader: SyncAdapter = createGunAdapter({
    relays: [relay.gunUrl],
    WebSocket,
    onIntakeRefusal: (r) => intake.push(r),
  });
  cleanup.push(() => reader.close());
  const seen: string[] = [];
  const refused: string[] = [];
  reader.subscribe(f.circle, { onRecord: (r) => seen.push(r.id), onReject: (e) => refused.push(e.code) });
  await waitFor(() => reader.status().connected === 1, 'reader linked to the relay');
  await sleep(300);

  const put = (id: string, key: string, value: string) =>
    JSON.stringify({ '#': id, put: { [soul]: { _: { '#': soul, '>': { [key]: Date.now() } }, [key]: value } } });
  const hostile: RawSocket = await openRawSocket(relay.gunUrl);
  cleanup.push(() => hostile.close());
  const big = put('big1', 'x'.repeat(43), 'y'.repeat(70 * 1024));
  expect(Buffer.byteLength(big)).toBeGreaterThan(LIMITS.frameBytes);
  hostile.send(big);
  await waitFor(() => intake.includes('too-large'), 'the oversized frame reaching the reader (and being dropped)');
  // Dropped unread: it never became a record to refuse.
  expect(refused).toEqual([]);

  hostile.send(put('write1', genuine.id, genuine.wire));
  await waitFor(() => seen.includes(genuine.id), 'the genuine record after the oversized frame');
  expect(seen).toEqual([genuine.id]);
});
