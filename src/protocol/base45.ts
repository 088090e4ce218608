/**
 * Base45 (RFC 9285), the body of a QR part (docs/protocol.md §13.3). Its 45
 * characters are exactly QR's alphanumeric mode, which packs 2 characters in
 * 11 bits: 2 bytes → 3 characters cost 16.5 bits, against 24 in byte mode, so
 * a QR code carries about a third more. Decoding is strict (RFC 9285 §4):
 * foreign characters, a length ≡ 1 mod 3 and groups over their range are
 * refused, so every byte string has one spelling.
 */

export const BASE45_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUE = new Map<string, number>([...BASE45_ALPHABET].map((ch, i) => [ch, i]));

/** Characters of the base45 form of `byteCount` bytes. */
export function base45Length(byteCount: number): number {
  return Math.floor(byteCount / 2) * 3 + (byteCount % 2) * 2;
}

/** RFC 9285 §4.2: each 2 bytes (a·256 + b = c + 45·d + 45²·e) become the characters c d e; a last single byte becomes c d. */
export function base45Encode(bytes: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 2) {
    const two = i + 1 < bytes.length;
    let n = two ? (bytes[i] ?? 0) * 256 + (bytes[i + 1] ?? 0) : (bytes[i] ?? 0);
    const digits = two ? 3 : 2;
    for (let d = 0; d < digits; d++) {
      out.push(BASE45_ALPHABET.charAt(n % 45));
      n = Math.floor(n / 45);
    }
  }
  return out.join('');
}

/** The bytes of a valid base45 text, or undefined (RFC 9285 §4.2: the decoder MUST reject invalid input). Never throws. */
export function base45Decode(text: string): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length % 3 === 1) return undefined;
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const group = text.slice(i, i + 3);
    let n = 0;
    for (let d = group.length - 1; d >= 0; d--) {
      const v = VALUE.get(group.charAt(d));
      if (v === undefined) return undefined;
      n = n * 45 + v;
    }
    if (group.length === 3) {
      if (n > 0xffff) return undefined;
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      if (n > 0xff) return undefined;
      out[o++] = n;
    }
  }
  return out;
}
