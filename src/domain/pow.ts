/**
 * Proof-of-work arithmetic: how many leading zero bits a digest has. The
 * hashing and the threshold (hasWork) live in src/protocol/pow.ts; this part
 * is pure and shared by senders, receivers and relays.
 */

/** Leading zero bits of `bytes`, most significant bit of byte 0 first (0..8 × length). */
export function leadingZeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const b of bytes) {
    if (b === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(b) - 24;
  }
  return bits;
}
