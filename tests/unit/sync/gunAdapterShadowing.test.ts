/**
 * A hostile relay plants garbage under a genuine record's id with a HAM state
 * newer than the genuine write's (its author's clock runs 10 s behind, as phone
 * clocks do). If peer data entered the client's GUN graph, HAM would keep the
 * garbage and drop the genuine value arriving from an honest relay. The intake
 * (src/sync/gunIntake.ts) routes peer values around the graph.
 */
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bucketOf } from '../../../src/domain/bucket';
import { createGunAdapter } from '../../../src/sync/gunAdapter';
import { soulOf } from '../../../src/protocol/souls';
import type { SyncAdapter } from '../../../src/sync/SyncAdapter';
import { openRawSocket, type RawSocket } from '../../fixtures/rawGunClient';
import { makeFixture, sealPoint, sleep, waitFor } from '../../fixtures/records';
import { startStockGunRelay, type StockRelay } from '../../fixtures/stockGunRelay';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it('a value planted with a higher HAM state by one relay does not shadow the genuine record from another', async () => {
  const hostile: StockRelay = await startStockGunRelay();
  const honest: StockRelay = await startStockGunRelay();
  cleanup.push(
    () => hostile.close(),
    () => honest.close(),
  );
  const f = await makeFixture();
  const genuine = await sealPoint(f, 'genuine');
  const soul = soulOf(f.circle.id, bucketOf(genuine.envelope.t));

  const reader: SyncAdapter = createGunAdapter({ relays: [hostile.gunUrl, honest.gunUrl], WebSocket });
  cleanup.push(() => reader.close());
  const seen: string[] = [];
  const refused: string[] = [];
  reader.subscribe(f.circle, { onRecord: (r) => seen.push(r.id), onReject: (e) => refused.push(e.code) });
  await waitFor(() => reader.status().connected === 2, 'reader linked to both relays');
  await sleep(300);

  const put = (id: string, state: number, value: string) =>
    JSON.stringify({
      '#': id,
      put: { [soul]: { _: { '#': soul, '>': { [genuine.id]: state } }, [genuine.id]: value } },
    });
  const plant: RawSocket = await openRawSocket(hostile.gunUrl);
  const author: RawSocket = await openRawSocket(honest.gunUrl);
  cleanup.push(
    () => plant.close(),
    () => author.close(),
  );
  plant.send(put('plant1', Date.now(), 'garbage'));
  await waitFor(() => refused.length > 0, 'the planted value reaching the reader (and being refused)');

  author.send(put('write1', Date.now() - 10_000, genuine.wire));
  await waitFor(() => seen.includes(genuine.id), 'genuine record despite the planted value');
  expect(seen).toEqual([genuine.id]);
});
