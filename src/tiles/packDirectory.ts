/**
 * Serialises a PMTiles v3 directory per the specification (section
 * "Directory Serialization"): the entry count, then the columns tile-id
 * deltas, run lengths, lengths and offsets, every number a little-endian
 * base-128 varint, and an offset written as 0 when it directly follows the
 * previous entry's bytes (offset + 1 otherwise). Vada's own code: there is no
 * JS writer library, and reading stays with the pmtiles library.
 */

/** One directory entry; runLength 0 points to a leaf directory. */
export interface DirEntry {
  readonly tileId: number;
  readonly offset: number;
  readonly length: number;
  readonly runLength: number;
}

/** A growable byte buffer for varints. */
class VarintWriter {
  private buf = new Uint8Array(1024);
  private pos = 0;

  varint(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`varint ${n}`);
    if (this.pos + 10 > this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    // Division, not bit shifts: values reach 2^53, past JavaScript's 32-bit bitwise operators.
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

/** The serialised (uncompressed) directory; `entries` sorted by tileId, non-empty. */
export function encodeDirectory(entries: readonly DirEntry[]): Uint8Array {
  if (entries.length === 0) throw new RangeError('a PMTiles directory is never empty');
  const w = new VarintWriter();
  w.varint(entries.length);
  let lastId = 0;
  for (const e of entries) {
    w.varint(e.tileId - lastId);
    lastId = e.tileId;
  }
  for (const e of entries) w.varint(e.runLength);
  for (const e of entries) w.varint(e.length);
  let prev: DirEntry | undefined;
  for (const e of entries) {
    w.varint(prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
    prev = e;
  }
  return w.bytes();
}
