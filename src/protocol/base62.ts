/**
 * Base62 in fixed blocks, the body of a bundle's text form (docs/protocol.md
 * §13.2). Base62 is letters and digits only: it survives SMS (GSM-7), chat
 * apps and mail untouched, where base64's `+ / _ -` are mangled or eaten by
 * markdown and linkifiers. Every 32 bytes become exactly 43 characters
 * (62⁴³ > 2²⁵⁶), read as one big-endian number; a last partial block of r bytes
 * takes the fewest characters that can hold 256^r values. A decoder refuses a
 * value too large for its byte count, so every byte string has one spelling.
 */

/** Digits in value order: 0–9 are 0–9, A–Z are 10–35, a–z are 36–61 (ASCII order). */
export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const BASE62_BLOCK_BYTES = 32;
export const BASE62_BLOCK_CHARS = 43;

const VALUE = new Map<string, bigint>([...BASE62_ALPHABET].map((ch, i) => [ch, BigInt(i)]));
const B62 = 62n;

/** CHARS_FOR[r]: the fewest base62 digits c with 62^c ≥ 256^r, for r = 0…32. */
const CHARS_FOR: readonly number[] = Array.from({ length: BASE62_BLOCK_BYTES + 1 }, (_, r) => {
  let c = 0;
  while (B62 ** BigInt(c) < 256n ** BigInt(r)) c++;
  return c;
});
/** The inverse: byte count of a last block of c characters (undefined: no block has that length). */
const BYTES_FOR = new Map<number, number>(CHARS_FOR.map((c, r) => [c, r]));

/** True for the 62 characters of the alphabet. */
export function isBase62Char(ch: string): boolean {
  return VALUE.has(ch);
}

/** Characters of the base62 form of `byteCount` bytes. */
export function base62Length(byteCount: number): number {
  const full = Math.floor(byteCount / BASE62_BLOCK_BYTES);
  return full * BASE62_BLOCK_CHARS + (CHARS_FOR[byteCount % BASE62_BLOCK_BYTES] ?? 0);
}

/** Bytes spelled by `charCount` base62 characters, or undefined when no byte string has that length. */
export function base62ByteLength(charCount: number): number | undefined {
  if (!Number.isSafeInteger(charCount) || charCount < 0) return undefined;
  const rest = BYTES_FOR.get(charCount % BASE62_BLOCK_CHARS);
  return rest === undefined ? undefined : Math.floor(charCount / BASE62_BLOCK_CHARS) * BASE62_BLOCK_BYTES + rest;
}

function encodeBlock(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  const digits: string[] = new Array<string>(CHARS_FOR[bytes.length] ?? 0);
  for (let i = digits.length - 1; i >= 0; i--) {
    digits[i] = BASE62_ALPHABET.charAt(Number(n % B62));
    n /= B62;
  }
  return digits.join('');
}

/** The canonical base62 text of `bytes`. */
export function base62Encode(bytes: Uint8Array): string {
  const out: string[] = [];
  for (let at = 0; at < bytes.length; at += BASE62_BLOCK_BYTES)
    out.push(encodeBlock(bytes.subarray(at, at + BASE62_BLOCK_BYTES)));
  return out.join('');
}

/** One block of `byteCount` bytes from its digits, or undefined when a digit is foreign or the value does not fit. */
function decodeBlock(text: string, byteCount: number): Uint8Array | undefined {
  let n = 0n;
  for (const ch of text) {
    const v = VALUE.get(ch);
    if (v === undefined) return undefined;
    n = n * B62 + v;
  }
  if (n >> BigInt(8 * byteCount) !== 0n) return undefined;
  const out = new Uint8Array(byteCount);
  for (let i = byteCount - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

/**
 * The bytes of a canonical base62 text, or undefined when the text has a
 * character outside the alphabet, a length no byte string has, or a block
 * whose value does not fit its byte count. Never throws.
 */
export function base62Decode(text: string): Uint8Array | undefined {
  const total = base62ByteLength(text.length);
  if (total === undefined) return undefined;
  const out = new Uint8Array(total);
  for (let block = 0; block * BASE62_BLOCK_CHARS < text.length; block++) {
    const chars = text.slice(block * BASE62_BLOCK_CHARS, (block + 1) * BASE62_BLOCK_CHARS);
    const bytes = decodeBlock(chars, BYTES_FOR.get(chars.length) ?? 0);
    if (!bytes) return undefined;
    out.set(bytes, block * BASE62_BLOCK_BYTES);
  }
  return out;
}
