/**
 * What a person can do to the shared map: propose a point, disperse one
 * (optionally naming where to reappear), cancel one. Each seals a record,
 * hands it to the transport, then adds it locally through the same verify
 * path as everything else. A publish failure rejects the returned promise:
 * the caller shows it; nothing is swallowed.
 */
import type { Clock, PayloadOf, RecordId, RecordKind } from '../domain';
import { sealRecord, type Circle, type Identity } from '../protocol';
import type { SyncAdapter } from '../sync/SyncAdapter';
import type { RecordSet } from './createRecordSet';
import { validateDraft, type FieldErrors, type PointDraft } from './validateDraft';

export type ActionResult =
  | { readonly ok: true; readonly id: RecordId; readonly reappearId?: RecordId }
  | { readonly ok: false; readonly errors: FieldErrors };

export interface Actions {
  propose(draft: PointDraft): Promise<ActionResult>;
  /** Publishes the reappear point first, then the disperse record naming it: one step for the user. */
  disperse(pointId: RecordId, reappear?: PointDraft): Promise<ActionResult>;
  cancel(pointId: RecordId): Promise<ActionResult>;
}

export function createActions(deps: {
  identity: Identity;
  circle: Circle;
  clock: Clock;
  records: RecordSet;
  adapter: () => SyncAdapter;
}): Actions {
  const publish = async <K extends RecordKind>(kind: K, payload: PayloadOf[K], created: number): Promise<RecordId> => {
    const sealed = await sealRecord(deps.identity, deps.circle, kind, payload, created);
    await deps.adapter().publish(deps.circle, sealed);
    await deps.records.addWire(sealed.wire, true);
    return sealed.id;
  };

  const ownPoint = (id: RecordId) => {
    const r = deps.records.get(id);
    if (!r || r.kind !== 'point') throw new Error('This point is no longer known on this device.');
    // Receivers ignore endings by anyone but the author; refuse early instead of publishing noise.
    if (r.author !== deps.identity.publicKey) throw new Error('Only the author can change this point.');
    return r;
  };

  return {
    async propose(draft) {
      const now = deps.clock.now();
      const v = validateDraft(draft, now);
      if (!v.ok) return v;
      return { ok: true, id: await publish('point', v.payload, now) };
    },
    async disperse(pointId, reappear) {
      ownPoint(pointId);
      const now = deps.clock.now();
      if (!reappear) return { ok: true, id: await publish('disperse', { point: pointId }, now) };
      const v = validateDraft(reappear, now);
      if (!v.ok) return v;
      const reappearId = await publish('point', v.payload, now);
      const id = await publish('disperse', { point: pointId, reappear: reappearId }, now);
      return { ok: true, id, reappearId };
    },
    async cancel(pointId) {
      ownPoint(pointId);
      return { ok: true, id: await publish('cancel', { point: pointId }, deps.clock.now()) };
    },
  };
}
