/**
 * Canonical byte strings for signing, hashing and AES-GCM associated data.
 * Every field is ASCII without newlines (the parser guarantees it), so joining
 * with "\n" after a domain-separation label is unambiguous.
 */
import type { Envelope } from './envelope';

const enc = new TextEncoder();
type Header = Pick<Envelope, 'v' | 'c' | 'k' | 't' | 'a' | 'n'>;

const AAD_LABEL = 'vada/1 aad\n';
const SIG_LABEL = 'vada/1 sig\n';
const ID_LABEL = 'vada/1 id\n';

/** Associated data sealed into the ciphertext: binds it to circle, kind, author, time and nonce. */
export function aadBytes(h: Header): Uint8Array<ArrayBuffer> {
  return enc.encode(['vada/1 aad', h.v, h.c, h.k, h.t, h.a, h.n].join('\n'));
}

/** What the author signs. */
export function signingBytes(e: Omit<Envelope, 's'>): Uint8Array<ArrayBuffer> {
  return enc.encode(['vada/1 sig', e.v, e.c, e.k, e.t, e.a, e.n, e.p].join('\n'));
}

/** What the record id hashes: every field including the signature. */
export function idBytes(e: Envelope): Uint8Array<ArrayBuffer> {
  return enc.encode(['vada/1 id', e.v, e.c, e.k, e.t, e.a, e.n, e.p, e.s].join('\n'));
}

/**
 * Every canonical string a receiver needs, from one encoding into one buffer:
 * a receiver needs the AAD, the signed bytes and the id bytes (and the header
 * for the work), so it encodes them back to back in one string and takes views,
 * instead of joining and encoding each on its own (one byte buffer per record,
 * not four: less to allocate and collect in a flood).
 * Nothing is written to the buffer after it is made (WebCrypto may read it later).
 */
export interface RecordBytes {
  /** aadBytes(e). */
  readonly aad: Uint8Array<ArrayBuffer>;
  /** The header alone (what the work covers after its label), inside `aad`. */
  readonly header: Uint8Array<ArrayBuffer>;
  /** signingBytes(e). */
  readonly signing: Uint8Array<ArrayBuffer>;
  /** idBytes(e). */
  readonly id: Uint8Array<ArrayBuffer>;
}

export function recordBytes(e: Envelope): RecordBytes {
  const header = `${e.v}\n${e.c}\n${e.k}\n${e.t}\n${e.a}\n${e.n}`;
  const signed = `${header}\n${e.p}`;
  const all = enc.encode(`${AAD_LABEL}${header}${SIG_LABEL}${signed}${ID_LABEL}${signed}\n${e.s}`);
  // All ASCII (the parser checked every field), so string lengths are byte lengths.
  const sigAt = AAD_LABEL.length + header.length;
  const idAt = sigAt + SIG_LABEL.length + signed.length;
  return {
    aad: all.subarray(0, sigAt),
    header: all.subarray(AAD_LABEL.length, sigAt),
    signing: all.subarray(sigAt, idAt),
    id: all.subarray(idAt),
  };
}
