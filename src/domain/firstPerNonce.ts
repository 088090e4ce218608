/**
 * Nonce replay: the proof-of-work is paid on the header (which includes the
 * nonce), not on the ciphertext, so one paid header could carry many
 * ciphertexts. Per (author, nonce) only one record counts: the one with the
 * smallest id, so every holder keeps the same one whatever the arrival order.
 */

export interface NonceSubject {
  readonly id: string;
  readonly author: string;
  /** The envelope's `n` (base64url, 16 chars); absent on records not read from an envelope (tests). */
  readonly nonce?: string | undefined;
}

/** Keeps, per (author, nonce), the record with the smallest id; the result is in the input's order. */
export function firstPerNonce<T extends NonceSubject>(records: readonly T[]): T[] {
  const best = new Map<string, string>();
  const keyOf = (r: T) => (r.nonce === undefined ? `id ${r.id}` : `${r.author} ${r.nonce}`);
  for (const r of records) {
    const key = keyOf(r);
    const held = best.get(key);
    if (held === undefined || r.id < held) best.set(key, r.id);
  }
  return records.filter((r) => best.get(keyOf(r)) === r.id);
}
