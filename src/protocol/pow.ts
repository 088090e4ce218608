/**
 * Proof-of-work in the nonce (docs/protocol.md §4.4). The sender picks the
 * 12-byte AES-GCM nonce `n` so that SHA-256 of the header string
 * "vada/1 pow\n v\n c\n k\n t\n a\n n" has at least LIMITS.powBits leading zero
 * bits; encryption and signing come after, so mining never redoes either.
 * Checking costs one hash, so relays and receivers run it before any signature
 * work. Hashing is @noble/hashes (synchronous: ~4,096 tries would be far too
 * slow through WebCrypto's promises).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { B64URL_ALPHABET } from '../domain/base64url';
import { LIMITS } from '../domain/limits';
import { leadingZeroBits } from '../domain/pow';
import { fromB64url } from './base64url';
import type { RecordBytes } from './canonical';
import type { Envelope } from './envelope';

type Header = Pick<Envelope, 'v' | 'c' | 'k' | 't' | 'a' | 'n'>;
type Unmined = Omit<Header, 'n'>;

const enc = new TextEncoder();
const LABEL = 'vada/1 pow';
const LABEL_LINE = enc.encode(`${LABEL}\n`);
const CODES = Uint8Array.from(B64URL_ALPHABET, (ch) => ch.charCodeAt(0));
/** 12 bytes are exactly 16 base64url characters, every one of them canonical. */
const NONCE_CHARS = 16;

/** The bytes the work hashes: every header field, the nonce last. */
export function powInput(h: Header): Uint8Array {
  return enc.encode([LABEL, h.v, h.c, h.k, h.t, h.a, h.n].join('\n'));
}

/** SHA-256 of powInput(h). */
export function powDigest(h: Header): Uint8Array {
  return sha256(powInput(h));
}

/** Leading zero bits of the header's work digest. */
export function workBits(h: Header): number {
  return leadingZeroBits(powDigest(h));
}

/** True when the header carries at least `bits` (default LIMITS.powBits) of work. */
export function hasWork(h: Header, bits: number = LIMITS.powBits): boolean {
  return workBits(h) >= bits;
}

// Checking is synchronous, so one hasher (the label already hashed in) and one digest buffer serve every call.
const LABELLED = sha256.create().update(LABEL_LINE);
const checking = sha256.create();
const checked = new Uint8Array(32);

/** hasWork for a receiver that already encoded the record (canonical.ts recordBytes): the same hash, no new string. */
export function hasWorkBytes(rb: RecordBytes, bits: number = LIMITS.powBits): boolean {
  LABELLED._cloneInto(checking);
  checking.update(rb.header).digestInto(checked);
  return leadingZeroBits(checked) >= bits;
}

export interface Mined {
  /** The nonce, 12 bytes. */
  readonly nonce: Uint8Array;
  /** The same nonce as it travels (`n`, 16 base64url chars). */
  readonly n: string;
  /** Hashes tried. */
  readonly tries: number;
}

/**
 * Finds a nonce for `h` with at least `bits` of work. It starts from random
 * characters (so two records never share a nonce) and varies the last four
 * (16.7 million candidates, against ~4,096 expected tries at 12 bits); the
 * SHA-256 state of the fixed prefix is computed once and cloned per try.
 * `accept` (default: at least `bits`) lets tests mine an exact bit count.
 */
export function mineNonce(
  h: Unmined,
  bits: number = LIMITS.powBits,
  accept: (zeroBits: number) => boolean = (z) => z >= bits,
): Mined {
  const prefix = sha256.create().update(enc.encode([LABEL, h.v, h.c, h.k, h.t, h.a, ''].join('\n')));
  const work = prefix.clone();
  const digest = new Uint8Array(32);
  for (;;) {
    const chars = Uint8Array.from(crypto.getRandomValues(new Uint8Array(NONCE_CHARS)), (r) => CODES[r & 63] as number);
    for (let i = 0; i < 1 << 24; i++) {
      chars[12] = CODES[(i >>> 18) & 63] as number;
      chars[13] = CODES[(i >>> 12) & 63] as number;
      chars[14] = CODES[(i >>> 6) & 63] as number;
      chars[15] = CODES[i & 63] as number;
      prefix._cloneInto(work);
      work.update(chars).digestInto(digest);
      if (accept(leadingZeroBits(digest))) {
        const n = String.fromCharCode(...chars);
        return { nonce: fromB64url(n), n, tries: i + 1 };
      }
    }
  }
}
