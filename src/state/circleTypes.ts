/**
 * The circles part of the store's surface, shared by state (which implements
 * it) and UI (which shows it). A circle is a group that can read each other's
 * records: a random 256-bit AES-GCM key shared by invite (link or QR). The open
 * circle is always there and always marked public.
 */
import type { Accessor } from 'solid-js';
import type { CircleId, PublicKey } from '../domain';
import type { CircleInvite } from '../domain/circleInvite';
import type { InviteProblem } from '../domain/inviteProblem';
import type { ActionResult } from './createActions';

export interface CircleView {
  readonly id: CircleId;
  /** The open circle's name is the localized "Public"; private names come from the invite (peer text). */
  readonly name: string;
  readonly isPublic: boolean;
  /** Who created (or last re-keyed) it; its `organizer` records name co-organizers. */
  readonly creator?: PublicKey;
  /** Creator + co-organizers from the invite + creator-signed `organizer` records. */
  readonly organizers: ReadonlySet<PublicKey>;
  /** This device's key is one of the organizers. */
  readonly amOrganizer: boolean;
  /** Set on a circle that a re-key replaced: still readable for old records, no longer written to. */
  readonly replacedBy?: CircleId;
  readonly joinedAt: number;
}

/** Which circles the map shows. */
export type CircleFilter = 'all' | CircleId;

export type JoinResult =
  | { readonly ok: true; readonly circle: CircleView }
  | {
      readonly ok: false;
      readonly reason: 'invalid' | 'already-member' | 'storage';
      /** For an invite that did not parse: why, in a class the UI can word. */
      readonly problem?: InviteProblem;
    };

export interface CirclesSlice {
  /** Public first, then private circles by name; replaced circles last. */
  readonly list: Accessor<readonly CircleView[]>;
  get(id: CircleId): CircleView | undefined;
  readonly filter: Accessor<CircleFilter>;
  setFilter(filter: CircleFilter): void;
  /** Where new points go unless the propose form says otherwise (never a replaced circle). */
  readonly publishTo: Accessor<CircleId>;
  setPublishTo(id: CircleId): void;
  /** Makes a circle with a fresh random id and key; this device is its creator. */
  create(name: string): Promise<JoinResult>;
  /** The invite link (key in the fragment) for a circle this device belongs to; undefined for the public one. */
  inviteLink(id: CircleId): string | undefined;
  /** An invite found in the address bar at start (already stripped from it), waiting for the user's yes. */
  readonly pendingInvite: Accessor<CircleInvite | undefined>;
  /** Why the `#join=` link the app was opened with was refused (already stripped), until dismissed. */
  readonly refusedInvite: Accessor<InviteProblem | undefined>;
  dismissRefusedInvite(): void;
  acceptInvite(): Promise<JoinResult>;
  /**
   * An invite read by the in-app scanner or pasted: held as pending, so the
   * user is asked "Join circle …?" exactly as for a link. False when the text
   * is not a valid invite.
   */
  offerInvite(text: string): boolean;
  declineInvite(): void;
  /** Joins from a pasted link or invite text. */
  join(text: string): Promise<JoinResult>;
  /** Forgets a circle: its key and its records on this device. */
  leave(id: CircleId): Promise<void>;
  /**
   * Organizer only: makes a new key (new circle id) that replaces `id`; this
   * device switches to it. Members must get the new invite out of band; the old
   * key reads nothing written after.
   */
  rekey(id: CircleId): Promise<JoinResult>;
  /** The circle's creator names a co-organizer (a signed `organizer` record in that circle). */
  addOrganizer(id: CircleId, key: string): Promise<ActionResult>;
}
