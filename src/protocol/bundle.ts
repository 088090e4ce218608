/**
 * Hand-over bundles: many signed records packed into few bytes, to carry them
 * by SMS or messenger text, QR codes and files when there is no relay
 * (docs/protocol.md §13.1). A bundle is transport only and adds no trust: it
 * turns each record back into its exact canonical wire text, which the app then
 * verifies like relay traffic (openEnvelope). Packing drops what every record
 * repeats: the JSON keys, base64url (4 characters per 3 bytes) and, through a
 * small dictionary, circle ids and author keys shared by several records
 * (the open circle, which everyone knows, takes one bit instead of 16 bytes).
 * A record's kind, circle index and author index share one varint, its header,
 * in mixed radix: kind + 6 × (circle + C × author), C circles and A authors in
 * the dictionary. It takes one byte instead of three while 6 × C × A ≤ 128,
 * which keeps a typical point in a private circle within 3 SMS. Each number
 * below 6 × C × A names exactly one (kind, circle, author), so a record has one
 * spelling; a larger one names an author past the dictionary, and since a
 * varint's end is known regardless, that record is refused alone.
 * Unpacking never throws: a broken record is refused alone, and broken framing
 * keeps every record read before it.
 */
import { LIMITS } from '../domain/limits';
import { RECORD_KINDS, type RecordKind } from '../domain/records';
import { ok, refuse, type Rejection, type Result } from '../domain/result';
import { fromB64url, toB64url } from './base64url';
import { OPEN_CIRCLE_ID } from './circle';
import { encodeEnvelope, parseEnvelope, type Envelope } from './envelope';
import { readVarint, writeVarint } from './varint';

/** The first byte of every bundle. */
export const BUNDLE_VERSION = 1;

const CIRCLE_BYTES = 16;
const AUTHOR_BYTES = 32;
const NONCE_BYTES = 12;
const SIG_BYTES = 64;
const MIN_P_BYTES = 16;
const MAX_P_BYTES = LIMITS.payloadBytes + 16;
/** The lowest radix of a record header: the v1 kinds (6), fixed by bundle version 1. */
const KIND_COUNT = RECORD_KINDS.length;

export type BundleItem =
  | { readonly ok: true; readonly index: number; readonly wire: string } // index: 1-based position
  | { readonly ok: false; readonly index: number; readonly error: Rejection };

export interface UnpackedBundle {
  readonly items: readonly BundleItem[];
  /** Set when the framing broke (truncated/damaged): records from `damaged.index` on could not be read. */
  readonly damaged?: { readonly index: number; readonly error: Rejection };
}

/** Distinct values in order of first use (or `first` at index 0), and each one's index. */
class Dictionary {
  readonly entries: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(first?: string) {
    if (first !== undefined) this.indexOf(first);
  }
  indexOf(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.entries.push(value) - 1;
      this.index.set(value, i);
    }
    return i;
  }
}

/**
 * Packs canonical wire envelopes (strings as stored in the graph, see docs/protocol.md §3) into bundle bytes.
 * Throws TypeError if a wire is not a canonical v1 envelope (a caller bug: callers pass verified wires), and
 * when the records do not fit one bundle: none, more than LIMITS.bundleRecords, or over LIMITS.bundleBytes.
 */
export function packBundle(wires: readonly string[]): Uint8Array {
  if (wires.length === 0) throw new TypeError('packBundle: no records to pack');
  if (wires.length > LIMITS.bundleRecords)
    throw new TypeError(`packBundle: ${wires.length} records, a bundle holds at most ${LIMITS.bundleRecords}`);
  const envelopes = wires.map((wire, i): Envelope => {
    const parsed = parseEnvelope(wire);
    if (!parsed.ok)
      throw new TypeError(`packBundle: record ${i + 1} is not a canonical v1 envelope (${parsed.error.code})`);
    return parsed.value;
  });
  const open = envelopes.some((e) => e.c === OPEN_CIRCLE_ID);
  const circles = new Dictionary(open ? OPEN_CIRCLE_ID : undefined);
  const authors = new Dictionary();
  // Dictionaries first: a record's header needs the final circle count C.
  for (const e of envelopes) {
    circles.indexOf(e.c);
    authors.indexOf(e.a);
  }
  const circleCount = circles.entries.length;
  const records = envelopes.map((e) => [
    Uint8Array.from(
      writeVarint(RECORD_KINDS.indexOf(e.k) + KIND_COUNT * (circles.indexOf(e.c) + circleCount * authors.indexOf(e.a))),
    ),
    Uint8Array.from(writeVarint(e.t)),
    fromB64url(e.n),
    Uint8Array.from(writeVarint(fromB64url(e.p).length)),
    fromB64url(e.p),
    fromB64url(e.s),
  ]);
  const pieces = [
    Uint8Array.of(BUNDLE_VERSION, ...writeVarint(envelopes.length)),
    // Circle field: listed circle ids × 2, plus 1 when the open circle is entry 0 without being listed.
    Uint8Array.from([...writeVarint((circles.entries.length - (open ? 1 : 0)) * 2 + (open ? 1 : 0))]),
    Uint8Array.from(writeVarint(authors.entries.length)),
    ...circles.entries.slice(open ? 1 : 0).map(fromB64url),
    ...authors.entries.map(fromB64url),
    ...records.flat(),
  ];
  const size = pieces.reduce((n, p) => n + p.length, 0);
  if (size > LIMITS.bundleBytes)
    throw new TypeError(`packBundle: ${size} bytes, a bundle holds at most ${LIMITS.bundleBytes}`);
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** What reading one record gave: its item (framing intact), or the reason framing broke. */
type RecordRead = { readonly next: number; readonly item: Result<string> } | { readonly broken: Rejection };

const truncated = (what: string): { broken: Rejection } => ({
  broken: { code: 'truncated', detail: `the bundle ends inside ${what}` },
});
const unreadable = (what: string): { broken: Rejection } => ({
  broken: { code: 'bad-bundle', detail: `${what} is not a readable number` },
});

/** Reads one record at `at`; per-record problems refuse it, framing problems break the bundle. */
function readRecord(bytes: Uint8Array, at: number, circles: readonly string[], authors: readonly string[]): RecordRead {
  let problem: Rejection | undefined;
  const flag = (code: Rejection['code'], detail: string) => {
    problem ??= { code, detail };
  };
  // Checked in field order, so the first broken field names the refusal.
  const header = readVarint(bytes, at);
  if (header.problem === 'end') return truncated('a record header');
  if (header.problem === 'too-long') return unreadable('a record header');
  if (header.problem === 'non-minimal') flag('bad-record', 'the record header is not in its shortest form');
  // Mixed radix: kind + 6 × (circle + C × author). Each value below 6 × C × A names one (kind, circle,
  // author) of this bundle; any larger one (too-big included) names an author index past the dictionary.
  const bound = KIND_COUNT * circles.length * authors.length;
  let kind: RecordKind | undefined;
  let circle: string | undefined;
  let author: string | undefined;
  if (header.problem !== 'too-big' && header.value < bound) {
    const rest = Math.floor(header.value / KIND_COUNT);
    kind = RECORD_KINDS[header.value % KIND_COUNT];
    circle = circles[rest % circles.length];
    author = authors[Math.floor(rest / circles.length)];
  } else flag('bad-record', `the record header ${header.value} is ${bound} or more: no such author`);
  const t = readVarint(bytes, header.next);
  if (t.problem === 'end') return truncated('the created time');
  if (t.problem === 'too-long') return unreadable('the created time');
  if (t.problem === 'non-minimal') flag('bad-record', 'the created time is not in its shortest form');
  if (t.problem === 'too-big') flag('bad-field', 'the created time is beyond the largest safe integer');
  const nonceAt = t.next;
  const pos = nonceAt + NONCE_BYTES;
  if (pos > bytes.length) return truncated('a nonce');
  const len = readVarint(bytes, pos);
  if (len.problem === 'end') return truncated('a ciphertext length');
  if (len.problem === 'too-long') return unreadable('a ciphertext length');
  if (len.problem === 'non-minimal') flag('bad-record', 'the ciphertext length is not in its shortest form');
  const pAt = len.next;
  const sigAt = pAt + len.value;
  const end = sigAt + SIG_BYTES;
  if (!(end <= bytes.length)) return truncated('a ciphertext or signature');
  if (len.value < MIN_P_BYTES || len.value > MAX_P_BYTES)
    flag('bad-field', `the ciphertext is ${len.value} bytes, not ${MIN_P_BYTES} to ${MAX_P_BYTES}`);
  if (problem || kind === undefined || circle === undefined || author === undefined)
    return { next: end, item: { ok: false, error: problem ?? { code: 'bad-record', detail: 'malformed record' } } };
  const wire = encodeEnvelope({
    v: 1,
    c: circle,
    k: kind,
    t: t.value,
    a: author,
    n: toB64url(bytes.subarray(nonceAt, nonceAt + NONCE_BYTES)),
    p: toB64url(bytes.subarray(pAt, sigAt)),
    s: toB64url(bytes.subarray(sigAt, end)),
  } as Envelope);
  // The rebuilt text must be a valid canonical envelope, exactly what a relay would have stored.
  const parsed = parseEnvelope(wire);
  return { next: end, item: parsed.ok ? { ok: true, value: wire } : parsed };
}

/** Reads `count` dictionary entries of `size` bytes as base64url, or undefined when the bytes run out. */
function readEntries(bytes: Uint8Array, at: number, count: number, size: number): string[] | undefined {
  if (at + count * size > bytes.length) return undefined;
  return Array.from({ length: count }, (_, i) => toB64url(bytes.subarray(at + i * size, at + (i + 1) * size)));
}

/** Never throws. Refuses the whole bundle only when nothing can be read (empty, unknown version, over limits). */
export function unpackBundle(bytes: Uint8Array): Result<UnpackedBundle> {
  // Realm-independent (bytes may come from a file reader or a worker); a Node Buffer passes too.
  if (Object.prototype.toString.call(bytes) !== '[object Uint8Array]')
    return refuse('bad-bundle', 'a bundle must be bytes');
  if (bytes.length === 0) return refuse('empty-bundle', 'the bundle is empty');
  if (bytes.length > LIMITS.bundleBytes)
    return refuse('too-large', `the bundle is larger than ${LIMITS.bundleBytes} bytes`);
  if (bytes[0] !== BUNDLE_VERSION) return refuse('unsupported-version', `unknown bundle version ${bytes[0]}`);
  const header: number[] = [];
  let at = 1;
  for (const what of ['the record count', 'the circle field', 'the author count']) {
    const n = readVarint(bytes, at);
    if (n.problem === 'end') return refuse('truncated', `the bundle ends inside ${what}`);
    if (n.problem) return refuse('bad-bundle', `${what} is not a readable number in its shortest form`);
    header.push(n.value);
    at = n.next;
  }
  const [count = 0, circleField = 0, authorCount = 0] = header;
  if (count === 0) return refuse('empty-bundle', 'the bundle holds no records');
  if (count > LIMITS.bundleRecords)
    return refuse('too-many-records', `the bundle claims ${count} records, at most ${LIMITS.bundleRecords} are read`);
  const open = circleField % 2 === 1;
  const listed = Math.floor(circleField / 2);
  const circleCount = listed + (open ? 1 : 0);
  if (circleCount < 1 || circleCount > count || authorCount < 1 || authorCount > count)
    return refuse('bad-bundle', 'the dictionary sizes do not fit the record count');
  const listedCircles = readEntries(bytes, at, listed, CIRCLE_BYTES);
  at += listed * CIRCLE_BYTES;
  const authors = readEntries(bytes, at, authorCount, AUTHOR_BYTES);
  at += authorCount * AUTHOR_BYTES;
  if (!listedCircles || !authors) return refuse('truncated', 'the bundle ends inside its dictionary');
  const circles = open ? [OPEN_CIRCLE_ID, ...listedCircles] : listedCircles;

  const items: BundleItem[] = [];
  let damaged: UnpackedBundle['damaged'];
  for (let index = 1; index <= count; index++) {
    const read = readRecord(bytes, at, circles, authors);
    if ('broken' in read) {
      damaged = { index, error: read.broken };
      break;
    }
    items.push(
      read.item.ok ? { ok: true, index, wire: read.item.value } : { ok: false, index, error: read.item.error },
    );
    at = read.next;
  }
  if (!damaged && at !== bytes.length)
    damaged = { index: count + 1, error: { code: 'bad-bundle', detail: 'bytes follow the last record' } };
  if (items.length === 0 && damaged) return { ok: false, error: damaged.error };
  return ok(damaged ? { items, damaged } : { items });
}
