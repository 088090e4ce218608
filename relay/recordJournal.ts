/**
 * Append-only journal of accepted records: `<dataDir>/records.jsonl`, one JSON
 * line per record. Appends are batched (every `flushMs`) and written with
 * write(2) before the promise resolves, so an acknowledged record survives a
 * crash or SIGKILL of the process; fdatasync follows within `syncMs` for
 * power loss. A torn last line (crash mid-write) is skipped on load and the
 * file rewritten. Compaction rewrites through a temp file and rename.
 */
import {
  closeSync,
  existsSync,
  fdatasync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { parseSoul } from '../src/protocol/souls';
import type { StoredRecord } from './recordStore';

export interface JournalOptions {
  readonly dir: string;
  /** Batch window for appends (ms). */
  readonly flushMs?: number;
  /** Delay before fdatasync after a write (ms). */
  readonly syncMs?: number;
  readonly log?: (line: string) => void;
}

const FILE = 'records.jsonl';

function encode(r: StoredRecord): string {
  return JSON.stringify({ s: r.soul, i: r.id, h: r.state, w: r.wire }) + '\n';
}

function decode(line: string): StoredRecord | undefined {
  try {
    const o = JSON.parse(line) as Record<string, unknown>;
    const { s, i, h, w } = o;
    if (!parseSoul(s) || typeof i !== 'string' || typeof w !== 'string' || typeof h !== 'number') return undefined;
    return { soul: s as string, id: i, state: h, wire: w };
  } catch {
    return undefined;
  }
}

export class RecordJournal {
  private fd: number;
  private pending: string[] = [];
  private waiters: Array<{ resolve(): void; reject(e: unknown): void }> = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private syncTimer: ReturnType<typeof setTimeout> | undefined;
  private syncing: Promise<void> | undefined;
  private closed = false;
  private readonly path: string;

  private constructor(private readonly opts: JournalOptions) {
    mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
    this.path = join(opts.dir, FILE);
    this.fd = openSync(this.path, 'a', 0o600);
  }

  /** Opens (creating) the journal and returns what it held; unreadable lines are counted, not fatal. */
  static open(opts: JournalOptions): {
    journal: RecordJournal;
    records: StoredRecord[];
    skipped: number;
  } {
    const path = join(opts.dir, FILE);
    const records: StoredRecord[] = [];
    let skipped = 0;
    let clean = true;
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      clean = text.length === 0 || text.endsWith('\n');
      for (const line of text.split('\n')) {
        if (!line) continue;
        const r = decode(line);
        if (r) records.push(r);
        else skipped++;
      }
    }
    const journal = new RecordJournal(opts);
    if (!clean || skipped > 0) journal.compact(records);
    return { journal, records, skipped };
  }

  /** Queues a record; resolves once it is written to the file. */
  append(r: StoredRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error('journal is closed'));
    this.pending.push(encode(r));
    this.flushTimer ??= setTimeout(() => this.flush(), this.opts.flushMs ?? 10);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Writes queued records now. */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0) return;
    const data = Buffer.from(this.pending.join(''), 'utf8');
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    try {
      for (let off = 0; off < data.length;) off += writeSync(this.fd, data, off);
      for (const w of waiters) w.resolve();
    } catch (e) {
      this.opts.log?.(`journal write failed: ${String(e)}`);
      for (const w of waiters) w.reject(e);
      return;
    }
    this.syncTimer ??= setTimeout(() => this.syncSoon(), this.opts.syncMs ?? 200);
  }

  private syncSoon(): void {
    this.syncTimer = undefined;
    if (this.syncing) return;
    const fd = this.fd;
    this.syncing = new Promise<void>((resolve) => fdatasync(fd, () => resolve())).finally(
      () => (this.syncing = undefined),
    );
  }

  /** Rewrites the file to hold exactly `records` (temp file, fsync, rename). */
  compact(records: Iterable<StoredRecord>): void {
    this.flush();
    const tmp = `${this.path}.tmp`;
    const parts: string[] = [];
    for (const r of records) parts.push(encode(r));
    writeFileSync(tmp, parts.join(''), { mode: 0o600 });
    const tfd = openSync(tmp, 'r+');
    fsyncSync(tfd);
    closeSync(tfd);
    renameSync(tmp, this.path);
    const dfd = openSync(this.opts.dir, 'r');
    fsyncSync(dfd);
    closeSync(dfd);
    const old = this.fd;
    this.fd = openSync(this.path, 'a', 0o600);
    // An fdatasync may still be running on the old descriptor.
    void (this.syncing ?? Promise.resolve()).then(() => closeSync(old));
  }

  /** Writes and syncs everything queued, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    await this.syncing;
    fsyncSync(this.fd);
    closeSync(this.fd);
  }
}
