/** Record ids are content hashes: nothing can change a record and keep its id. */
import type { RecordId } from '../domain/brand';
import { buf, toB64url } from './base64url';
import { idBytes } from './canonical';
import type { Envelope } from './envelope';

export async function recordIdOf(e: Envelope): Promise<RecordId> {
  const digest = await crypto.subtle.digest('SHA-256', buf(idBytes(e)));
  return toB64url(new Uint8Array(digest)) as RecordId;
}
