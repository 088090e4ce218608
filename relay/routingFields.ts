/**
 * GUN's routing fields, checked. GUN keeps message ids as keys of plain
 * objects (its dedup table `dup.s`, and `'@' + '##'` concatenated), so an id
 * such as `__proto__` or `toString`, or a hash string that completes one,
 * would write onto Object.prototype inside GUN. Ids must be short base64url-ish
 * words that are not Object.prototype names; hashes must be numbers (GUN's
 * String.hash yields numbers).
 */
import type { GunMsg } from './gunTypes';
import { isPlainObject } from '../src/protocol/walkMessage';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const PEER = /^[\x21-\x2b\x2d-\x7e]{1,200}$/; // printable, no comma (the `><` list separator)

/** A message or peer id GUN may use as an object key. */
export function isSafeId(v: unknown, shape = ID): v is string {
  return typeof v === 'string' && shape.test(v) && !(v in Object.prototype);
}

/**
 * The routing fields of `m`, rebuilt; undefined when one present is unsafe
 * (the whole message is then refused).
 */
export function routingFields(m: Record<string, unknown>): GunMsg | undefined {
  const out: GunMsg = {};
  for (const f of ['#', '@'] as const) {
    if (m[f] === undefined) continue;
    if (!isSafeId(m[f])) return undefined;
    out[f] = m[f];
  }
  const hash = m['##'];
  if (hash !== undefined) {
    if (typeof hash !== 'number' || !Number.isFinite(hash)) return undefined;
    out['##'] = hash;
  }
  const sent = m['><'];
  if (sent !== undefined) {
    // Peers already sent to: a comma-separated list GUN splits into object keys.
    if (typeof sent !== 'string' || sent.length > 700) return undefined;
    if (!sent.split(',').every((p) => isSafeId(p, PEER))) return undefined;
    out['><'] = sent;
  }
  const ok = m.ok;
  if (isPlainObject(ok)) {
    const clean: Record<string, number> = {};
    for (const k of ['', '@', '/'] as const) if (typeof ok[k] === 'number' && Number.isFinite(ok[k])) clean[k] = ok[k];
    out.ok = clean;
  } else if (typeof ok === 'number' && Number.isFinite(ok)) out.ok = ok;
  if (typeof m.err === 'string') out.err = m.err.slice(0, 200);
  return out;
}
