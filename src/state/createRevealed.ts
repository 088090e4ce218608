/**
 * Fallback places revealed by a point's organizer: for each confirmed disperse
 * alert that names a fallback, opens that fallback once (decryption is async,
 * so it happens here and the pure fold only reads the result). Failures are
 * cached too: a hostile alert with a wrong key costs one decryption, not one
 * per fold. The fallback code (protocol/fallbacks.ts) is loaded with the first
 * alert that reveals one; one that cannot load is tried again with the next
 * change of the records.
 */
import { createEffect, createSignal, type Accessor } from 'solid-js';
import { organizersOf, type FallbackPlace, type PointRecord, type RecordId, type VerifiedRecord } from '../domain';

export function createRevealed(
  records: Accessor<Iterable<VerifiedRecord>>,
): Accessor<ReadonlyMap<RecordId, FallbackPlace>> {
  const [revealed, setRevealed] = createSignal<ReadonlyMap<RecordId, FallbackPlace>>(new Map());
  const tried = new Set<RecordId>();

  createEffect(() => {
    const list = [...records()];
    const candidates = list.filter(
      (r): r is VerifiedRecord & { kind: 'alert' } =>
        r.kind === 'alert' && r.payload.alert === 'disperse' && r.payload.fallback !== undefined && !tried.has(r.id),
    );
    if (candidates.length === 0) return;
    const points = new Map<RecordId, PointRecord>();
    for (const r of list) if (r.kind === 'point') points.set(r.id, r);
    const organizers = organizersOf(points, list);
    for (const alert of candidates) {
      const point = points.get(alert.payload.point);
      const reveal = alert.payload.fallback;
      // Wait for the point (it may arrive after the alert); only its organizers can reveal.
      // A co-organizer record may also arrive late, so a non-organizer's alert is looked at again later.
      if (!point || !reveal || !organizers.get(point.id)?.has(alert.author)) continue;
      tried.add(alert.id);
      import('../protocol/fallbacks')
        .then(
          ({ openFallback }) => openFallback(point, reveal),
          (error: unknown) => {
            // Not a refusal: the code is not here (offline before it was cached). Look again later.
            tried.delete(alert.id);
            throw error;
          },
        )
        .then((r) => {
          if (r.ok) setRevealed((m) => new Map(m).set(alert.id, r.value));
        })
        .catch(() => undefined); // a refusal is typed; anything thrown is treated the same: nothing revealed
    }
  });

  return revealed;
}
