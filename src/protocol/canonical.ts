/**
 * Canonical byte strings for signing, hashing and AES-GCM associated data.
 * Every field is ASCII without newlines (the parser guarantees it), so joining
 * with "\n" after a domain-separation label is unambiguous.
 */
import type { Envelope } from './envelope';

const enc = new TextEncoder();
type Header = Pick<Envelope, 'v' | 'c' | 'k' | 't' | 'a' | 'n'>;

/** Associated data sealed into the ciphertext: binds it to circle, kind, author, time and nonce. */
export function aadBytes(h: Header): Uint8Array {
  return enc.encode(['vada/1 aad', h.v, h.c, h.k, h.t, h.a, h.n].join('\n'));
}

/** What the author signs. */
export function signingBytes(e: Omit<Envelope, 's'>): Uint8Array {
  return enc.encode(['vada/1 sig', e.v, e.c, e.k, e.t, e.a, e.n, e.p].join('\n'));
}

/** What the record id hashes: every field including the signature. */
export function idBytes(e: Envelope): Uint8Array {
  return enc.encode(['vada/1 id', e.v, e.c, e.k, e.t, e.a, e.n, e.p, e.s].join('\n'));
}
