/**
 * Record ids are content hashes: nothing can change a record and keep its id.
 * SHA-256 is @noble/hashes, synchronous: one WebCrypto call less per record on
 * every receiver and relay (Node runs each WebCrypto call as a thread-pool job
 * with its own promise and argument checks; in Chromium the two cost the same
 * per record), and a mismatching id is known before the signature is checked.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { RecordId } from '../domain/brand';
import { toB64url } from './base64url';
import { idBytes, type RecordBytes } from './canonical';
import type { Envelope } from './envelope';

/** The content id of `e` (base64url SHA-256 of its id bytes). */
export function recordIdSync(e: Envelope): RecordId {
  return toB64url(sha256(idBytes(e))) as RecordId;
}

// Hashing is synchronous, so one hasher and one digest buffer serve every call on this thread.
const FRESH = sha256.create();
const work = sha256.create();
const digest = new Uint8Array(32);

/** recordIdSync for a receiver that already encoded the record (canonical.ts recordBytes). */
export function recordIdOfBytes(rb: RecordBytes): RecordId {
  FRESH._cloneInto(work);
  work.update(rb.id).digestInto(digest);
  return toB64url(digest) as RecordId;
}

/** recordIdSync as a promise, for callers written against the WebCrypto version. */
export function recordIdOf(e: Envelope): Promise<RecordId> {
  return Promise.resolve(recordIdSync(e));
}
