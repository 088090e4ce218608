/**
 * What a person can do to the shared map: propose a point (with sealed
 * fallback places, kept on this device before anything is sent) in a chosen
 * circle, disperse one (optionally naming where to reappear), cancel one, and
 * the alert actions (createAlertActions). Records about a point go to the
 * point's own circle; a replaced circle is never written to. Each seals a record,
 * hands it to the transport, then adds it locally through the same verify
 * path as everything else. A publish failure rejects the returned promise:
 * the caller shows it; nothing is swallowed. A point's header is mined ahead
 * (createHeaderStock: when asked by premine, and after each proposal for the
 * next one), so Publish does not wait for the proof of work.
 */
import {
  LIMITS,
  type CircleId,
  type Clock,
  type PayloadOf,
  type PointPayload,
  type RecordId,
  type RecordKind,
} from '../domain';
import type { FallbackStore } from '../platform/fallbackStore';
import type { Circle } from '../protocol/circle';
import { sealFallbacks } from '../protocol/fallbacks';
import type { Identity } from '../protocol/identity';
import { fitsHeader, mineHeader, sealMined, sealRecord, type Sealed } from '../protocol/sealRecord';
import type { SyncAdapter } from '../sync/SyncAdapter';
import type { AlertActions } from './alertTypes';
import { createAlertActions } from './createAlertActions';
import { createHeaderStock, MINE_AFTER_PUBLISH_MS } from './createHeaderStock';
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
  /**
   * Mines the next point's header ahead (off the caller's task) for `circle`
   * (default: where a draft without one goes). Call when the propose sheet
   * opens or its circle changes; harmless to call often.
   */
  premine(circle?: CircleId): void;
}

/** When this device can forget a point's fallback keys: when the point itself is pruned. */
const pointExpiry = (p: PointPayload, created: number) =>
  Math.min(p.end + LIMITS.lingerMs, created + LIMITS.retentionMs);

/** Publishes a sealed record of `kind` in circle `circle`. */
export type Publish = <K extends RecordKind>(
  kind: K,
  payload: PayloadOf[K],
  created: number,
  circle: CircleId,
) => Promise<RecordId>;

export interface ActionsDeps {
  identity: Identity;
  /** The key of a circle this device may write to; throws for a replaced or unknown one. */
  writable(id: CircleId): Circle;
  /** Where a draft without `circle` goes. */
  publishTo(): CircleId;
  clock: Clock;
  records: RecordSet;
  adapter: () => SyncAdapter;
  fallbackStore: FallbackStore;
}

/** Loaded on first use through deferredActions.ts (the store never imports this module statically). */
export function createActions(deps: ActionsDeps): Actions & AlertActions & { readonly publish: Publish } {
  const send = async (circle: Circle, sealed: Sealed): Promise<RecordId> => {
    await deps.adapter().publish(circle, sealed);
    await deps.records.addWire(sealed.wire, true);
    return sealed.id;
  };
  const publish: Publish = async (kind, payload, created, circleId) => {
    const circle = deps.writable(circleId);
    return send(circle, await sealRecord(deps.identity, circle, kind, payload, created));
  };

  const ownPoint = (id: RecordId) => {
    const r = deps.records.get(id);
    if (!r || r.kind !== 'point') throw new Error('This point is no longer known on this device.');
    // Receivers ignore endings by anyone but the author; refuse early instead of publishing noise.
    if (r.author !== deps.identity.publicKey) throw new Error('Only the author can change this point.');
    return r;
  };

  const headers = createHeaderStock({ identity: deps.identity, clock: deps.clock });
  const premine = (circle?: CircleId) => {
    try {
      headers.prepare(deps.writable(circle ?? deps.publishTo()).id, 'point');
    } catch {
      // No writable circle (yet): nothing to mine for; proposing will say why.
    }
  };

  const propose = async (draft: PointDraft): Promise<ActionResult> => {
    const now = deps.clock.now();
    const v = validateDraft(draft, now);
    if (!v.ok) return v;
    const circle = deps.writable(draft.circle ?? deps.publishTo());
    // The record's created time is its header's (mined up to PREMINED_MAX_AGE_MS ago); a start the
    // form allowed at `now` that a receiver would refuse against that time gets a header mined now.
    let header = headers.take(circle.id, 'point');
    if (!fitsHeader(header, v.payload)) header = mineHeader(deps.identity, circle.id, 'point', now);
    const created = header.t;
    try {
      if (!v.fallbacks)
        return { ok: true, id: await send(circle, await sealMined(deps.identity, circle, header, v.payload)) };
      // The fallbacks' AAD binds them to this point's circle, author and creation time.
      const f = await sealFallbacks(v.fallbacks, {
        circle: circle.id,
        author: deps.identity.publicKey,
        created,
      });
      if (!f.ok) return { ok: false, errors: { fallbacks: 'invalid' } };
      const payload: PointPayload = { ...v.payload, fallbacks: f.value.sealed };
      const sealed = await sealMined(deps.identity, circle, header, payload);
      // Kept before sending: a point whose keys were lost could never reveal its fallbacks.
      await deps.fallbackStore.put({
        point: sealed.id,
        keys: f.value.keys,
        places: f.value.places,
        expiresAt: pointExpiry(payload, created),
      });
      return { ok: true, id: await send(circle, sealed) };
    } finally {
      // The next proposal (often right after: a reappear point, a second place) finds its header ready,
      // mined once this one's send and the page's update are over (opening the sheet mines at once).
      headers.prepare(circle.id, 'point', MINE_AFTER_PUBLISH_MS);
    }
  };

  return {
    ...createAlertActions({
      identity: deps.identity,
      records: deps.records,
      fallbackStore: deps.fallbackStore,
      now: () => deps.clock.now(),
      publish,
      propose,
    }),
    publish,
    propose,
    premine,
    async disperse(pointId, reappear) {
      const { circle } = ownPoint(pointId);
      deps.writable(circle);
      const now = deps.clock.now();
      if (!reappear) return { ok: true, id: await publish('disperse', { point: pointId }, now, circle) };
      // Through propose, so a reappear point's fallbacks are sealed and kept like any other;
      // in the same circle unless the form chose another, so the same people can follow.
      const p = await propose({ ...reappear, circle: reappear.circle ?? circle });
      if (!p.ok) return p;
      const reappearId = p.id;
      const id = await publish('disperse', { point: pointId, reappear: reappearId }, now, circle);
      return { ok: true, id, reappearId };
    },
    async cancel(pointId) {
      const { circle } = ownPoint(pointId);
      return { ok: true, id: await publish('cancel', { point: pointId }, deps.clock.now(), circle) };
    },
  };
}
