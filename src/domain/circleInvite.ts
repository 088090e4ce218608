/**
 * Circle invites: what a link's fragment (or its QR code) carries so that a
 * new member can read and write a private circle. Never sent to any server:
 * browsers do not send URL fragments, and the app strips it from the address
 * bar and history as soon as it has read it.
 *
 * Format: `<origin>/#join=<base64url(UTF-8 JSON of CircleInvite)>`. Parsing is
 * strict (exact fields, canonical encodings, limits) with typed refusals: an
 * invite is peer data like any record.
 */
import { decodeB64url, toB64url } from './base64url';
import { asCircleId, asPublicKey, isB64url, type CircleId, type PublicKey } from './brand';
import { LIMITS } from './limits';
import { ok, refuse, type Rejection } from './result';
import { checkText } from './text';

export interface CircleInvite {
  readonly v: 1;
  readonly id: CircleId;
  /** The circle's 32-byte AES-256-GCM key, base64url (43 chars). */
  readonly key: string;
  /** 1..circleNameChars code points, one line (peer text). */
  readonly name: string;
  readonly creator: PublicKey;
  /** Co-organizers known when the invite was made (≤ circleOrganizersMax). */
  readonly organizers: readonly PublicKey[];
  /** Set when this circle re-keys an older one. */
  readonly replaces?: CircleId;
}

/** The invite field a `bad-field` refusal is about (so the app can say which part is damaged). */
export type InviteField = 'id' | 'key' | 'name' | 'creator' | 'organizers' | 'replaces';

/** A refused invite: the usual typed code, and for `bad-field` the field it concerns. */
export interface InviteRejection extends Rejection {
  readonly field?: InviteField;
}

/** What invite parsers return: a Result whose refusal may name the field. */
export type InviteResult =
  { readonly ok: true; readonly value: CircleInvite } | { readonly ok: false; readonly error: InviteRejection };

const badField = (field: InviteField, detail: string): { ok: false; error: InviteRejection } => ({
  ok: false,
  error: { code: 'bad-field', detail, field },
});

/** The fragment prefix that marks an invite. */
export const JOIN_PREFIX = '#join=';

/** The invite as text for a link's fragment (the part after `#join=`). */
export function encodeInvite(invite: CircleInvite): string {
  const { v, id, key, name, creator, organizers, replaces } = invite;
  const plain = { v, id, key, name, creator, organizers: [...organizers], ...(replaces ? { replaces } : {}) };
  return toB64url(new TextEncoder().encode(JSON.stringify(plain)));
}

/** The full invite link for `origin` (e.g. `https://vada.example`). */
export function inviteLink(origin: string, invite: CircleInvite): string {
  return `${origin.replace(/\/+$/, '')}/${JOIN_PREFIX}${encodeInvite(invite)}`;
}

const FIELDS = ['v', 'id', 'key', 'name', 'creator', 'organizers'];

function isPlainObject(o: unknown): o is Record<string, unknown> {
  return typeof o === 'object' && o !== null && !Array.isArray(o);
}

/** Validates an already JSON-parsed invite value. */
export function parseInviteValue(o: unknown): InviteResult {
  if (!isPlainObject(o)) return refuse('bad-shape', 'invite must be an object');
  const keys = Object.keys(o);
  if (!FIELDS.every((k) => keys.includes(k)) || !keys.every((k) => FIELDS.includes(k) || k === 'replaces'))
    return refuse('bad-shape', 'invite needs exactly v, id, key, name, creator, organizers (and optional replaces)');
  if (o.v !== 1) return refuse('unsupported-version', 'invite version must be 1');
  const id = asCircleId(o.id);
  if (!id) return badField('id', 'id must be a circle id (22 base64url characters)');
  if (!isB64url(o.key, 43)) return badField('key', 'key must be 43 base64url characters');
  const name = checkText(o.name, 'name', 1, LIMITS.circleNameChars, false);
  if (!name.ok) return badField('name', name.detail);
  const creator = asPublicKey(o.creator);
  if (!creator) return badField('creator', 'creator must be a public key');
  if (!Array.isArray(o.organizers) || o.organizers.length > LIMITS.circleOrganizersMax)
    return badField('organizers', `organizers must be an array of at most ${LIMITS.circleOrganizersMax} keys`);
  const organizers: PublicKey[] = [];
  for (const k of o.organizers as unknown[]) {
    const key = asPublicKey(k);
    if (!key) return badField('organizers', 'organizers must be public keys');
    if (key === creator || organizers.includes(key)) return badField('organizers', 'organizers repeat a key');
    organizers.push(key);
  }
  let replaces: CircleId | undefined;
  if (o.replaces !== undefined) {
    replaces = asCircleId(o.replaces);
    if (!replaces || replaces === id) return badField('replaces', 'replaces must be another circle id');
  }
  return ok({ v: 1, id, key: o.key, name: name.text, creator, organizers, ...(replaces ? { replaces } : {}) });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses invite text (the part after `#join=`): base64url, UTF-8, JSON, then the fields. */
export function parseInvite(text: unknown): InviteResult {
  if (typeof text !== 'string') return refuse('bad-shape', 'invite must be text');
  if (text.length > LIMITS.inviteChars) return refuse('too-large', 'invite is too long');
  const bytes = decodeB64url(text);
  if (!bytes || text.length === 0) return refuse('not-json', 'invite is not base64url');
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch {
    return refuse('not-json', 'invite is not UTF-8 JSON');
  }
  return parseInviteValue(value);
}

/** Parses a location hash (`#join=…`); anything else is refused. */
export function inviteFromHash(hash: string): InviteResult {
  if (!hash.startsWith(JOIN_PREFIX)) return refuse('bad-shape', 'not an invite fragment');
  return parseInvite(hash.slice(JOIN_PREFIX.length));
}

/** Parses what a person pasted: a whole invite link, a `#join=…` fragment, or the bare invite text. */
export function inviteFromText(text: string): InviteResult {
  const s = text.trim();
  const hash = s.indexOf('#');
  return hash >= 0 ? inviteFromHash(s.slice(hash)) : parseInvite(s);
}
