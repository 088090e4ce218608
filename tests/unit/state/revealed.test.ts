/** createRevealed: opens a fallback only for its point's organizers' disperse alerts. */
import '../../fixtures/realmSafeCrypto';
import { createRoot, createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import type { FallbackPlace, PayloadOf, RecordKind, VerifiedRecord } from '../../../src/domain';
import {
  generateIdentity,
  openCircle,
  openEnvelope,
  sealFallbacks,
  sealRecord,
  type Circle,
  type Identity,
} from '../../../src/protocol';
import { createRevealed } from '../../../src/state/createRevealed';
import { pointPayload, sleep, waitFor } from '../../fixtures/records';

const PLACES = [
  { label: 'Park gate', lat: 53.91, lon: 27.57 },
  { label: 'Old bridge', lat: 53.8977, lon: 27.5491 },
];

async function verified<K extends RecordKind>(
  who: Identity,
  circle: Circle,
  kind: K,
  payload: PayloadOf[K],
  at: number,
) {
  const s = await sealRecord(who, circle, kind, payload, at);
  const r = await openEnvelope(s.wire, circle, { now: at });
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
}

describe('createRevealed', () => {
  it('reveals for the organizer and a named co-organizer, never for others or with a wrong key', async () => {
    const circle = await openCircle();
    const [org, co, mallory] = [await generateIdentity(), await generateIdentity(), await generateIdentity()];
    const now = Date.now();
    const f = await sealFallbacks(PLACES, { circle: circle.id, author: org.publicKey, created: now });
    if (!f.ok) throw new Error('seal failed');
    const point = await verified(
      org,
      circle,
      'point',
      { ...pointPayload('Square', now), fallbacks: f.value.sealed },
      now,
    );
    const reveal = (who: Identity, i: number, key = f.value.keys[i] as string) =>
      verified(
        who,
        circle,
        'alert',
        { point: point.id, alert: 'disperse', reason: 'police', fallback: { i, key } },
        now + 1000,
      );
    const byOrg = await reveal(org, 1);
    const byMallory = await reveal(mallory, 0);
    const wrongKey = await reveal(org, 0, f.value.keys[1]);
    const byCo = await reveal(co, 0);
    const naming = await verified(org, circle, 'coorganizer', { point: point.id, key: co.publicKey }, now + 2000);

    const [records, setRecords] = createSignal<VerifiedRecord[]>([byOrg, byMallory, wrongKey, byCo]);
    let revealed!: () => ReadonlyMap<string, FallbackPlace>;
    const dispose = createRoot((d) => ((revealed = createRevealed(records)), d));
    try {
      await sleep(50);
      expect(revealed().size).toBe(0); // the point has not arrived: nothing to open yet
      setRecords((l) => [point, ...l]);
      await waitFor(() => revealed().has(byOrg.id), 'the organizer’s reveal');
      await sleep(50);
      expect([...revealed()]).toEqual([[byOrg.id, PLACES[1]]]);
      // The co-organizer naming arrives late: their reveal opens then; Mallory's and the wrong key still do not.
      setRecords((l) => [...l, naming]);
      await waitFor(() => revealed().has(byCo.id), 'the co-organizer’s reveal');
      await sleep(50);
      expect(revealed().get(byCo.id)).toEqual(PLACES[0]);
      expect(revealed().has(byMallory.id)).toBe(false);
      expect(revealed().has(wrongKey.id)).toBe(false);
      expect(revealed().size).toBe(2);
    } finally {
      dispose();
    }
  });
});
