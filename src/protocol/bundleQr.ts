/**
 * A bundle as a sequence of QR codes (docs/protocol.md §13.3), for handing
 * records from screen to camera with no network at all. Each part is the
 * marker `VADA:` and base45 of a 7-byte header (version, 4-byte bundle hash,
 * part number, part count) and a chunk of the bundle: all in QR's
 * alphanumeric alphabet, the densest mode for binary data. Parts are at most
 * LIMITS.qrChunkBytes so each code stays within QR version 15 at error
 * correction M. The collector takes parts in any order, ignores repeats, keeps
 * several bundles apart by their hash and checks that hash on completion; the
 * hash only detects mix-ups and damage, it adds no trust (records are verified).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { LIMITS } from '../domain/limits';
import { refuse, type Rejection, type Result } from '../domain/result';
import { base45Decode, base45Encode, base45Length } from './base45';
import { QR_MARKER } from './bundleMarkers';

export { QR_MARKER };
/** The version byte of a QR part. */
export const QR_PART_VERSION = 1;
const HASH_BYTES = 4;
/** version, hash, part number, part count. */
const HEADER_BYTES = 1 + HASH_BYTES + 1 + 1;
/** The longest part text: a full chunk. */
const MAX_PART_CHARS = QR_MARKER.length + base45Length(HEADER_BYTES + LIMITS.qrChunkBytes);

const hashOf = (bytes: Uint8Array) => sha256(bytes).subarray(0, HASH_BYTES);
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** How many QR parts a bundle of `byteLength` bytes takes (may exceed LIMITS.qrParts: then it cannot go by QR). */
export function qrPartCount(byteLength: number): number {
  return Math.max(1, Math.ceil(byteLength / LIMITS.qrChunkBytes));
}

/** Splits a bundle into QR texts (one when it fits at a comfortably scannable density, else a numbered
 *  sequence). Each text is in QR alphanumeric-mode alphabet (0-9 A-Z space $%*+-./:) for density.
 *  Chunks are of equal size (the last may be shorter). Throws RangeError for an empty bundle or one
 *  that needs more than LIMITS.qrParts parts (check with qrPartCount first). */
export function bundleToQrParts(bytes: Uint8Array): string[] {
  const total = qrPartCount(bytes.length);
  if (bytes.length === 0) throw new RangeError('bundleToQrParts: empty bundle');
  if (total > LIMITS.qrParts)
    throw new RangeError(`bundleToQrParts: ${bytes.length} bytes need ${total} QR parts, at most ${LIMITS.qrParts}`);
  const size = Math.ceil(bytes.length / total);
  const hash = hashOf(bytes);
  return Array.from({ length: total }, (_, i) => {
    const chunk = bytes.subarray(i * size, (i + 1) * size);
    const part = new Uint8Array(HEADER_BYTES + chunk.length);
    part.set([QR_PART_VERSION, ...hash, i + 1, total]);
    part.set(chunk, HEADER_BYTES);
    return QR_MARKER + base45Encode(part);
  });
}

/** True when a scanned text is meant as a Vada bundle part (starts with the marker); add() checks the rest. */
export function isQrPart(text: string): boolean {
  return typeof text === 'string' && text.trim().startsWith(QR_MARKER);
}

interface Part {
  readonly hash: string;
  /** 1-based. */
  readonly index: number;
  readonly total: number;
  readonly chunk: Uint8Array;
}

/** Parses one scanned text as a part, or refuses it. Never throws. */
export function parseQrPart(text: string): Result<Part> {
  if (typeof text !== 'string') return refuse('bad-qr-part', 'not text');
  // Sized before any work; a little room for white space a scanner may add around the text.
  const trimmed = text.length > 2 * MAX_PART_CHARS ? text : text.trim();
  if (trimmed.length > MAX_PART_CHARS) return refuse('too-large', 'the QR text is longer than a bundle part can be');
  if (!trimmed.startsWith(QR_MARKER)) return refuse('bad-qr-part', 'not a Vada bundle part');
  const bytes = base45Decode(trimmed.slice(QR_MARKER.length));
  if (!bytes) return refuse('bad-qr-part', 'the part is not valid base45');
  if (bytes.length <= HEADER_BYTES) return refuse('bad-qr-part', 'the part is too short to carry any of a bundle');
  if (bytes[0] !== QR_PART_VERSION) return refuse('unsupported-version', `unknown QR part version ${bytes[0]}`);
  const index = bytes[5] ?? 0;
  const total = bytes[6] ?? 0;
  if (total < 1 || total > LIMITS.qrParts) return refuse('bad-qr-part', `a bundle of ${total} QR parts is not allowed`);
  if (index < 1 || index > total) return refuse('bad-qr-part', `part ${index} of ${total} does not exist`);
  return {
    ok: true,
    value: { hash: hex(bytes.subarray(1, 1 + HASH_BYTES)), index, total, chunk: bytes.slice(HEADER_BYTES) },
  };
}

export type CollectResult =
  | { readonly kind: 'part'; readonly have: number; readonly total: number } // progress e.g. 3 of 5
  | { readonly kind: 'complete'; readonly bundle: Uint8Array; readonly total: number }
  | { readonly kind: 'refused'; readonly error: Rejection };

export interface QrCollector {
  add(text: string): CollectResult;
}

/** Keeps `map` in least-recently-used order and at most LIMITS.qrCollectorBundles long. */
function touch<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= LIMITS.qrCollectorBundles) break;
    map.delete(oldest);
  }
}

/** Collects parts in any order; duplicates ignored; parts of several bundles kept apart (by a bundle hash).
 *  A part of a bundle already completed answers `complete` again (a scanner sees a code many times).
 *  Parts that disagree (another count, other bytes for the same number) or an assembly that does not
 *  match its hash are refused with `qr-mismatch`; a mismatched assembly is dropped so it can be rescanned. */
export function createQrCollector(): QrCollector {
  const pending = new Map<string, { readonly total: number; readonly parts: Map<number, Uint8Array> }>();
  const done = new Map<string, { readonly total: number; readonly bundle: Uint8Array }>();
  const mismatch = (detail: string): CollectResult => ({ kind: 'refused', error: { code: 'qr-mismatch', detail } });
  return {
    add(text: string): CollectResult {
      const parsed = parseQrPart(text);
      if (!parsed.ok) return { kind: 'refused', error: parsed.error };
      const { hash, index, total, chunk } = parsed.value;
      const finished = done.get(hash);
      if (finished) {
        if (finished.total !== total)
          return mismatch(`this part says ${total} parts, its bundle had ${finished.total}`);
        touch(done, hash, finished);
        return { kind: 'complete', bundle: finished.bundle.slice(), total };
      }
      const entry = pending.get(hash) ?? { total, parts: new Map<number, Uint8Array>() };
      if (entry.total !== total) return mismatch(`this part says ${total} parts, the others ${entry.total}`);
      const seen = entry.parts.get(index);
      if (seen && !sameBytes(seen, chunk)) return mismatch(`two different parts ${index} of ${total}`);
      entry.parts.set(index, chunk);
      if (entry.parts.size < total) {
        touch(pending, hash, entry);
        return { kind: 'part', have: entry.parts.size, total };
      }
      pending.delete(hash);
      const size = [...entry.parts.values()].reduce((n, c) => n + c.length, 0);
      const bundle = new Uint8Array(size);
      let at = 0;
      for (let i = 1; i <= total; i++) {
        const c = entry.parts.get(i) ?? new Uint8Array();
        bundle.set(c, at);
        at += c.length;
      }
      if (hex(hashOf(bundle)) !== hash) return mismatch('the assembled parts do not match their bundle hash');
      touch(done, hash, { total, bundle });
      return { kind: 'complete', bundle: bundle.slice(), total };
    },
  };
}
