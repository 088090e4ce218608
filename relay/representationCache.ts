/**
 * The static file server's memory: for each file version (absolute path +
 * size + mtime) its bytes, a strong content hash, and its gzip and brotli
 * bodies, each made once and kept. Compression runs on zlib's thread pool
 * (async zlib), so the event loop never waits on brotli quality 11, and a
 * request only ever awaits the file it asked for. A file rebuilt on disk
 * has a new size or mtime, so it is read and compressed again: an app
 * folder replaced under a running relay is served new at once. Bounded in
 * total bytes; the least recently used versions are dropped first.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The compressed encodings kept per file version. */
export type Compressed = 'br' | 'gzip';

/** One version of one file, as read from disk. */
export interface FileVersion {
  /** The file's bytes. */
  readonly identity: Buffer;
  /** URL-safe SHA-256 of the bytes (truncated to 132 bits); the ETags derive from it. */
  readonly hash: string;
}

interface Entry {
  readonly key: string;
  readonly version: Promise<FileVersion>;
  readonly encoded: Partial<Record<Compressed, Promise<Buffer>>>;
  readonly ready: Partial<Record<Compressed, Buffer>>;
  bytes: number;
}

/** Compresses once with the strongest settings: the cost is paid once per file version. */
function compress(encoding: Compressed, bytes: Buffer): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(bytes, { level: 9 });
  return brotli(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/** A bounded cache of file versions and their compressed bodies. */
export class RepresentationCache {
  private readonly entries = new Map<string, Entry>();
  private total = 0;

  /** @param maxBytes Budget for all kept bytes (identity and compressed); 64 MiB by default. */
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /** Bytes kept now (bodies fully read or compressed). */
  get bytes(): number {
    return this.total;
  }

  /**
   * The bytes and hash of `file` at this size and mtime, read once; callers
   * asking for the same version at the same time share one read. Rejects
   * when the file cannot be read (gone since it was checked).
   */
  version(file: string, size: number, mtimeMs: number): Promise<FileVersion> {
    return this.entry(file, size, mtimeMs).version;
  }

  /** The `encoding` body of this file version when already made, else undefined (never waits). */
  ready(file: string, size: number, mtimeMs: number, encoding: Compressed): Buffer | undefined {
    const entry = this.entries.get(file);
    return entry?.key === `${size}:${mtimeMs}` ? entry.ready[encoding] : undefined;
  }

  /** The `encoding` body of this file version, compressed once and shared by everyone who asks. */
  encoded(file: string, size: number, mtimeMs: number, encoding: Compressed): Promise<Buffer> {
    const entry = this.entry(file, size, mtimeMs);
    const known = entry.encoded[encoding];
    if (known) return known;
    const made = entry.version.then((v) => compress(encoding, v.identity));
    entry.encoded[encoding] = made;
    made.then(
      (body) => {
        entry.ready[encoding] = body;
        this.count(file, entry, body.length);
      },
      () => {
        // Forget the failure so a later request tries again.
        if (entry.encoded[encoding] === made) delete entry.encoded[encoding];
      },
    );
    return made;
  }

  private entry(file: string, size: number, mtimeMs: number): Entry {
    const key = `${size}:${mtimeMs}`;
    const known = this.entries.get(file);
    if (known?.key === key) {
      // Most recently used goes to the end: eviction takes from the front.
      this.entries.delete(file);
      this.entries.set(file, known);
      return known;
    }
    if (known) this.drop(file, known);
    const version = readFile(file).then((identity) => ({
      identity,
      hash: createHash('sha256').update(identity).digest('base64url').slice(0, 22),
    }));
    const entry: Entry = { key, version, encoded: {}, ready: {}, bytes: 0 };
    this.entries.set(file, entry);
    version.then(
      (v) => this.count(file, entry, v.identity.length),
      () => {
        if (this.entries.get(file) === entry) this.entries.delete(file);
      },
    );
    return entry;
  }

  /** Adds bytes made for `entry` (if it is still kept) and evicts the oldest others over budget. */
  private count(file: string, entry: Entry, n: number): void {
    if (this.entries.get(file) !== entry) return;
    entry.bytes += n;
    this.total += n;
    for (const [oldFile, old] of this.entries) {
      if (this.total <= this.maxBytes) break;
      if (old !== entry) this.drop(oldFile, old);
    }
  }

  private drop(file: string, entry: Entry): void {
    this.entries.delete(file);
    this.total -= entry.bytes;
  }
}
