/**
 * Alert actions: raise an alert about any point (anyone may; trust is decided
 * by receivers from who signed it), name a co-organizer for one's own point,
 * and read back the fallback places this device sealed. Refusals the user can
 * fix come back as field errors; a point this device does not know, or one that
 * is not the user's where only the author may act, is an Error (as in createActions).
 * Every record goes to the point's own circle (receivers ignore it elsewhere).
 */
import { asPublicKey, type AlertPayload, type FallbackPlace, type FallbackReveal, type RecordId } from '../domain';
import type { FallbackStore } from '../platform/fallbackStore';
import type { Identity } from '../protocol';
import type { ActionResult, Publish } from './createActions';
import type { RecordSet } from './createRecordSet';
import type { AlertActions, RaiseAlertInput } from './alertTypes';
import type { PointDraft } from './validateDraft';

/** Where a dispersal sends its crowd: an existing point, one revealed fallback, or nowhere (never two). */
type Onward =
  { readonly reappear: RecordId } | { readonly fallback: FallbackReveal } | { readonly reappear?: undefined };

export interface AlertActionDeps {
  readonly identity: Identity;
  readonly records: RecordSet;
  readonly fallbackStore: FallbackStore;
  readonly now: () => number;
  readonly publish: Publish;
  propose(draft: PointDraft): Promise<ActionResult>;
}

export function createAlertActions(deps: AlertActionDeps): AlertActions {
  const knownPoint = (id: RecordId) => {
    const r = deps.records.get(id);
    if (!r || r.kind !== 'point') throw new Error('This point is no longer known on this device.');
    return r;
  };
  const fail = (errors: Extract<ActionResult, { ok: false }>['errors']): ActionResult => ({ ok: false, errors });

  /** The disperse-only part of the payload, or the field error that stops it. */
  const reappearPart = async (
    point: RecordId,
    input: RaiseAlertInput,
  ): Promise<{ part: Onward; newPoint?: PointDraft } | ActionResult> => {
    const choice = input.reappear ?? { kind: 'none' };
    switch (choice.kind) {
      case 'none':
        return { part: {} };
      case 'existing': {
        const target = deps.records.get(choice.point);
        if (choice.point === point || !target || target.kind !== 'point') return fail({ reappear: 'invalid' });
        return { part: { reappear: choice.point } };
      }
      case 'new':
        return { part: {}, newPoint: choice.draft };
      case 'fallback': {
        // Only the author holds the keys; receivers would ignore a reveal from anyone else anyway.
        if (knownPoint(point).author !== deps.identity.publicKey) return fail({ reappear: 'invalid' });
        const row = await deps.fallbackStore.get(point);
        const key = Number.isInteger(choice.index) ? row?.keys[choice.index] : undefined;
        if (key === undefined) return fail({ reappear: 'invalid' });
        return { part: { fallback: { i: choice.index, key } } };
      }
    }
  };

  return {
    async raiseAlert(point, input) {
      const { circle } = knownPoint(point);
      const created = deps.now();
      if (input.kind !== 'disperse') {
        // Caution and all clear carry nothing else: a reason or a reappear place would be refused by peers.
        if (input.reason !== undefined || (input.reappear && input.reappear.kind !== 'none'))
          return fail({ form: 'invalid' });
        return { ok: true, id: await deps.publish('alert', { point, alert: input.kind }, created, circle) };
      }
      if (!input.reason) return fail({ reason: 'required' });
      const r = await reappearPart(point, input);
      if ('ok' in r) return r;
      let reappearId: RecordId | undefined;
      if (r.newPoint) {
        // Published first, so the alert never names a point peers have not been sent.
        const p = await deps.propose({ ...r.newPoint, circle: r.newPoint.circle ?? circle });
        if (!p.ok) return p;
        reappearId = p.id;
      }
      const onward: Onward = reappearId ? { reappear: reappearId } : r.part;
      const payload: AlertPayload = { point, alert: 'disperse', reason: input.reason, ...onward };
      const id = await deps.publish('alert', payload, reappearId ? deps.now() : created, circle);
      return reappearId ? { ok: true, id, reappearId } : { ok: true, id };
    },

    async addCoorganizer(point, key) {
      const p = knownPoint(point);
      if (p.author !== deps.identity.publicKey) throw new Error('Only the author can change this point.');
      const text = key.trim();
      if (text === '') return fail({ key: 'required' });
      const named = asPublicKey(text);
      if (!named || named === deps.identity.publicKey) return fail({ key: 'invalid' });
      return { ok: true, id: await deps.publish('coorganizer', { point, key: named }, deps.now(), p.circle) };
    },

    async myFallbacks(point): Promise<readonly FallbackPlace[]> {
      return (await deps.fallbackStore.get(point))?.places ?? [];
    },
  };
}
