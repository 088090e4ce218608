/**
 * The circles slice: which circles this device reads and writes (the open one
 * plus private ones from invites), their organizers, the map's filter and the
 * default circle for new points. Joining imports the invite's key and stores
 * the row; leaving deletes the key and the circle's records; re-keying makes a
 * new circle that replaces the old one here (nothing is published in the old
 * circle: a seized phone holds its key). Internals the store needs (keys by id,
 * organizers for the fold) are exposed beside the UI's CirclesSlice.
 */
import { createMemo, createSignal, type Accessor } from 'solid-js';
import {
  asPublicKey,
  checkText,
  LIMITS,
  type CircleId,
  type PublicKey,
  type RecordId,
  type VerifiedRecord,
} from '../domain';
import { inviteFromText, inviteLink, type CircleInvite } from '../domain/circleInvite';
import { circleOrganizers, type CircleOrganizers } from '../domain/circleOrganizers';
import { inviteProblem, type InviteProblem } from '../domain/inviteProblem';
import { t } from '../i18n';
import type { CircleRow, CircleStore } from '../platform/circleStore';
import { createCircle, type Circle } from '../protocol/circle';
import type { CircleFilter, CirclesSlice, JoinResult } from './circleTypes';
import { inviteOf, privateView, publicView, sortViews } from './circleView';
import type { ActionResult, Publish } from './createActions';
import { joinedCircle, type JoinedCircle } from './loadCircles';

export interface CirclesDeps {
  /** The open circle (public key; always present). */
  readonly open: Circle;
  /** Private circles loaded at start (loadCircles). */
  readonly joined: readonly JoinedCircle[];
  readonly store: CircleStore;
  readonly me: PublicKey;
  readonly now: () => number;
  /** Where invite links point, e.g. location.origin. */
  readonly origin: string;
  /** An invite read from the address bar at start (already stripped). */
  readonly pendingInvite?: CircleInvite;
  /** Why an invite in the address bar at start was refused (already stripped). */
  readonly refusedInvite?: InviteProblem;
  /** Every verified record (for `organizer` records); read lazily. */
  readonly records: Accessor<Iterable<VerifiedRecord>>;
  /** Deletes a left circle's records in memory and storage. */
  forgetRecords(circle: CircleId): Promise<void>;
  readonly publish: Publish;
}

export interface CirclesCore extends CirclesSlice {
  /** Every circle whose records this device reads (replaced ones too): what to subscribe. */
  readonly readable: Accessor<readonly Circle[]>;
  /** The key of a circle this device belongs to. */
  circleOf(id: CircleId): Circle | undefined;
  /** The key of a circle this device may write to; throws for a replaced or unknown circle. */
  writable(id: CircleId): Circle;
  /** Organizers of each private circle, for the fold. */
  readonly organizers: Accessor<CircleOrganizers>;
}

const invalid: JoinResult = { ok: false, reason: 'invalid' };

export function createCircles(deps: CirclesDeps): CirclesCore {
  const openId = deps.open.id;
  const [joined, setJoined] = createSignal<ReadonlyMap<CircleId, JoinedCircle>>(
    new Map(deps.joined.filter((j) => j.row.id !== openId).map((j) => [j.row.id, j])),
  );
  const [filter, setFilter] = createSignal<CircleFilter>('all');
  const [publishTo, setPublishToRaw] = createSignal<CircleId>(openId);
  const [pendingInvite, setPendingInvite] = createSignal<CircleInvite | undefined>(deps.pendingInvite);
  const [refusedInvite, setRefusedInvite] = createSignal<InviteProblem | undefined>(deps.refusedInvite);

  const rows = () => [...joined().values()].map((j) => j.row);
  const organizers = createMemo(() => circleOrganizers(rows(), deps.records()));
  const list = createMemo(() =>
    sortViews([publicView(openId, t('circle.public')), ...rows().map((r) => privateView(r, organizers(), deps.me))]),
  );
  const readable = createMemo(() => [deps.open, ...[...joined().values()].map((j) => j.circle)]);
  const get = (id: CircleId) => list().find((v) => v.id === id);
  const rowOf = (id: CircleId) => joined().get(id)?.row;

  const setRow = (j: JoinedCircle) => setJoined((m) => new Map(m).set(j.row.id, j));
  /** Stores and adopts a row; false when storage failed (nothing changes then). */
  const save = async (j: JoinedCircle): Promise<boolean> => {
    try {
      await deps.store.put(j.row);
    } catch {
      return false;
    }
    setRow(j);
    return true;
  };
  const markReplaced = async (old: CircleId, by: CircleId) => {
    const j = joined().get(old);
    if (!j || j.row.replacedBy) return;
    await save({ row: { ...j.row, replacedBy: by }, circle: j.circle });
    if (publishTo() === old) setPublishToRaw(by);
    if (filter() === old) setFilter(by);
  };
  const adopt = async (row: CircleRow, circle?: Circle): Promise<JoinResult> => {
    if (row.id === openId || joined().has(row.id)) return { ok: false, reason: 'already-member' };
    let j: JoinedCircle;
    try {
      j = circle ? { row, circle } : await joinedCircle(row);
    } catch {
      return invalid;
    }
    if (!(await save(j))) return { ok: false, reason: 'storage' };
    const view = get(row.id);
    return view ? { ok: true, circle: view } : invalid;
  };

  const joinInvite = async (invite: CircleInvite): Promise<JoinResult> => {
    const r = await adopt({ ...invite, joinedAt: deps.now() });
    // Only an organizer of the old circle can re-key it: a member holding the old key
    // (a seized phone) must not be able to retire the circle with an invite of its own.
    if (r.ok && invite.replaces && organizers().get(invite.replaces)?.has(invite.creator))
      await markReplaced(invite.replaces, invite.id);
    return r;
  };

  const privateRow = (id: CircleId) => {
    const row = rowOf(id);
    if (!row) throw new Error('This circle is not known on this device.');
    return row;
  };

  return {
    list,
    get,
    filter,
    setFilter: (f) => setFilter(f === 'all' || f === openId || joined().has(f) ? f : 'all'),
    publishTo,
    setPublishTo(id) {
      if (id === openId || (joined().has(id) && !rowOf(id)?.replacedBy)) setPublishToRaw(id);
    },
    async create(name) {
      const checked = checkText(name, 'name', 1, LIMITS.circleNameChars, false);
      if (!checked.ok) return invalid;
      const made = await createCircle();
      const row: CircleRow = {
        v: 1,
        id: made.circle.id,
        key: made.rawKey,
        name: checked.text,
        creator: deps.me,
        organizers: [],
        joinedAt: deps.now(),
      };
      return adopt(row, made.circle);
    },
    inviteLink(id) {
      const row = rowOf(id);
      // A replaced circle's key is presumed compromised: no new members for it.
      if (!row || row.replacedBy) return undefined;
      return inviteLink(deps.origin, inviteOf(row, organizers()));
    },
    pendingInvite,
    async acceptInvite() {
      const invite = pendingInvite();
      setPendingInvite(undefined);
      return invite ? joinInvite(invite) : invalid;
    },
    declineInvite: () => setPendingInvite(undefined),
    refusedInvite,
    dismissRefusedInvite: () => setRefusedInvite(undefined),
    offerInvite(text) {
      const r = inviteFromText(text);
      if (r.ok) setPendingInvite(r.value);
      return r.ok;
    },
    async join(text) {
      const r = inviteFromText(text);
      return r.ok ? joinInvite(r.value) : { ...invalid, problem: inviteProblem(r.error) };
    },
    async leave(id) {
      if (!joined().has(id)) return;
      setJoined((m) => {
        const next = new Map(m);
        next.delete(id);
        return next;
      });
      if (filter() === id) setFilter('all');
      if (publishTo() === id) setPublishToRaw(openId);
      await Promise.all([deps.store.delete(id), deps.forgetRecords(id)]);
    },
    async rekey(id) {
      const old = rowOf(id);
      const view = get(id);
      if (!old || !view?.amOrganizer || old.replacedBy) return invalid;
      const made = await createCircle();
      const row: CircleRow = {
        v: 1,
        id: made.circle.id,
        key: made.rawKey,
        name: old.name,
        creator: deps.me,
        organizers: [...view.organizers].filter((k) => k !== deps.me).slice(0, LIMITS.circleOrganizersMax),
        replaces: old.id,
        joinedAt: deps.now(),
      };
      const r = await adopt(row, made.circle);
      if (!r.ok) return r;
      await markReplaced(old.id, row.id);
      // This device writes to the new circle from now on.
      if (publishTo() === old.id) setPublishToRaw(row.id);
      return { ok: true, circle: get(row.id) ?? r.circle };
    },
    async addOrganizer(id, key): Promise<ActionResult> {
      const row = privateRow(id);
      if (row.creator !== deps.me) throw new Error("Only the circle's creator can name organizers.");
      if (row.replacedBy) throw new Error('This circle was replaced by a new key; nothing more is written to it.');
      const text = key.trim();
      if (text === '') return { ok: false, errors: { key: 'required' } };
      const named = asPublicKey(text);
      const current = organizers().get(id) ?? new Set<PublicKey>();
      if (!named || current.has(named)) return { ok: false, errors: { key: 'invalid' } };
      if (current.size > LIMITS.circleOrganizersMax) return { ok: false, errors: { key: 'tooLong' } };
      const rid: RecordId = await deps.publish('organizer', { key: named }, deps.now(), id);
      return { ok: true, id: rid };
    },
    readable,
    circleOf: (id) => (id === openId ? deps.open : joined().get(id)?.circle),
    writable(id) {
      if (id === openId) return deps.open;
      const j = joined().get(id);
      if (!j) throw new Error('This circle is not known on this device.');
      if (j.row.replacedBy) throw new Error('This circle was replaced by a new key; nothing more is written to it.');
      return j.circle;
    },
    organizers,
  };
}
