/**
 * The phone-link wire (protocol §15): the small JSON text frames two linked
 * phones exchange over a WebRTC data channel. Everything a peer sends is
 * untrusted, so `parseLinkFrame` checks the size before parsing, walks the
 * value for prototype keys, and accepts only the exact shapes below with
 * every string, count and number bounded; anything else is a typed refusal
 * (and the adapter cuts the link). `encodeLinkFrame` writes the same shapes
 * with a fixed key order, so what an honest phone sends always parses.
 */
import { asRecordId, isB64url, type RecordId } from '../domain/brand';
import { LIMITS } from '../domain/limits';
import { utf8Bytes } from './utf8Bytes';
import { isPlainObject, walkMessage } from './walkMessage';

/** The link wire's numbers (documented in docs/protocol.md §15; a test keeps the two equal). */
export const LINK_WIRE = {
  /** Version in `hello`. */
  version: 1,
  /** Random bytes of a hello nonce (22 base64url characters). */
  nonceBytes: 16,
  /** Bytes of a circle token, the truncated HMAC (22 base64url characters). */
  tokenBytes: 16,
  /** Tokens one `circles` frame may list. */
  tokensMax: 64,
  /** A `circles` list is padded with random tokens to a multiple of this. */
  tokensPad: 8,
  /** Record ids one `have`, `want` or `ack` frame may list. */
  idsMax: 1000,
  /** Records one `rec` frame may carry. */
  recordsMax: 64,
  /** Longest refusal code in `no`. */
  codeChars: 32,
  /** Largest hop count a frame may carry. */
  hopsMax: 255,
  /** Default hop budget: a record crosses at most this many links. */
  hopLimit: 8,
  /** A link that sent nothing for this long sends a `ping`. */
  keepAliveMs: 30_000,
  /** A link that heard nothing for this long is dropped. */
  silenceMs: 90_000,
  /** Frames a peer may send at once (token bucket size). */
  frameBurst: 200,
  /** ...and per second after that (refill rate). */
  framesPerSecond: 50,
  /** UTF-8 bytes a peer may send at once. */
  byteBurst: 1024 * 1024,
  /** ...and per second after that. */
  bytesPerSecond: 256 * 1024,
  /** A sender keeps its own frames under half the burst and this share of each rate (percent). */
  senderSharePercent: 80,
  /** A sender waits while the channel has more than this many bytes queued. */
  bufferedHighBytes: 256 * 1024,
  /** Records a phone keeps to offer its links (oldest dropped first). */
  heldRecords: 20_000,
} as const;

/** Why a frame is refused; every one of them cuts the link (protocol §15.7). */
export const LINK_FRAME_REFUSALS = [
  'too-large',
  'not-text',
  'not-json',
  'forbidden-key',
  'too-deep',
  'bad-shape',
  'bad-field',
  'unsupported-version',
] as const;
export type LinkFrameRefusal = (typeof LINK_FRAME_REFUSALS)[number];

/** One record in a `rec` frame. */
export interface LinkRecord {
  readonly id: RecordId;
  /** The record's creation hour (bucketOf(t)), checked like a relay node's hour. */
  readonly b: number;
  /** The wire envelope (untrusted until verified). */
  readonly w: string;
  /** Links it crossed before this one (0 from its first sender). */
  readonly h: number;
}

export type LinkFrame =
  | { readonly t: 'hello'; readonly v: number; readonly n: string }
  | { readonly t: 'circles'; readonly k: readonly string[] }
  | { readonly t: 'have'; readonly c: string; readonly ids: readonly RecordId[] }
  | { readonly t: 'want'; readonly c: string; readonly ids: readonly RecordId[] }
  | { readonly t: 'rec'; readonly c: string; readonly r: readonly LinkRecord[] }
  | { readonly t: 'ack'; readonly ids: readonly RecordId[] }
  | { readonly t: 'no'; readonly id: RecordId; readonly code: string }
  | { readonly t: 'ping' };

export type LinkFrameType = LinkFrame['t'];

export type LinkParse =
  | { readonly ok: true; readonly frame: LinkFrame; readonly bytes: number }
  | { readonly ok: false; readonly code: LinkFrameRefusal; readonly detail: string; readonly bytes: number };

/** Keys of each frame type, in the order `encodeLinkFrame` writes them. */
const KEYS: Record<LinkFrameType, readonly string[]> = {
  hello: ['t', 'v', 'n'],
  circles: ['t', 'k'],
  have: ['t', 'c', 'ids'],
  want: ['t', 'c', 'ids'],
  rec: ['t', 'c', 'r'],
  ack: ['t', 'ids'],
  no: ['t', 'id', 'code'],
  ping: ['t'],
};
const REC_KEYS = ['id', 'b', 'w', 'h'] as const;
const B64_NONCE = Math.ceil((LINK_WIRE.nonceBytes * 4) / 3);
const B64_TOKEN = Math.ceil((LINK_WIRE.tokenBytes * 4) / 3);
/** Hours a record's `b` may name: 0 up to the largest safe hour number. */
const MAX_BUCKET = Math.floor(Number.MAX_SAFE_INTEGER / LIMITS.bucketMs);

class Refused extends Error {
  constructor(
    readonly code: LinkFrameRefusal,
    readonly detail: string,
  ) {
    super(detail);
  }
}
const fail = (code: LinkFrameRefusal, detail: string): never => {
  throw new Refused(code, detail);
};

const exactKeys = (o: Record<string, unknown>, keys: readonly string[], what: string) => {
  const got = Object.keys(o);
  if (got.length !== keys.length || !keys.every((k) => Object.hasOwn(o, k))) fail('bad-shape', `${what}: wrong keys`);
};
const isInt = (v: unknown, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
const token = (v: unknown, what: string): string => (isB64url(v, B64_TOKEN) ? v : fail('bad-field', `${what}`));
const list = (v: unknown, min: number, max: number, what: string): unknown[] => {
  if (!Array.isArray(v)) return fail('bad-shape', `${what} is not a list`);
  if (v.length < min || v.length > max) return fail('bad-field', `${what}: ${v.length} items`);
  return v;
};
const ids = (v: unknown, what: string): RecordId[] =>
  list(v, 1, LINK_WIRE.idsMax, what).map((x) => asRecordId(x) ?? fail('bad-field', `${what}: not a record id`));

function record(v: unknown): LinkRecord {
  if (!isPlainObject(v)) return fail('bad-shape', 'rec entry is not an object');
  exactKeys(v, REC_KEYS, 'rec entry');
  const id = asRecordId(v.id) ?? fail('bad-field', 'rec entry id');
  if (!isInt(v.b, MAX_BUCKET)) return fail('bad-field', 'rec entry hour');
  if (typeof v.w !== 'string' || v.w.length === 0 || v.w.length > LIMITS.envelopeChars)
    return fail('bad-field', 'rec entry wire');
  if (!isInt(v.h, LINK_WIRE.hopsMax)) return fail('bad-field', 'rec entry hops');
  return { id, b: v.b, w: v.w, h: v.h };
}

function frameOf(o: Record<string, unknown>): LinkFrame {
  const t = o.t;
  if (typeof t !== 'string' || !Object.hasOwn(KEYS, t)) return fail('bad-shape', 'unknown frame type');
  const type = t as LinkFrameType;
  exactKeys(o, KEYS[type], type);
  switch (type) {
    case 'hello':
      if (o.v !== LINK_WIRE.version) return fail('unsupported-version', 'hello of another version');
      if (!isB64url(o.n, B64_NONCE)) return fail('bad-field', 'hello nonce');
      return { t: type, v: o.v, n: o.n };
    case 'circles': {
      const k = list(o.k, 0, LINK_WIRE.tokensMax, 'circles').map((x) => token(x, 'circle token'));
      if (k.length % LINK_WIRE.tokensPad !== 0) return fail('bad-field', 'circles list is not padded');
      return { t: type, k };
    }
    case 'have':
    case 'want':
      return { t: type, c: token(o.c, `${type} circle`), ids: ids(o.ids, type) };
    case 'rec':
      return { t: type, c: token(o.c, 'rec circle'), r: list(o.r, 1, LINK_WIRE.recordsMax, 'rec').map(record) };
    case 'ack':
      return { t: type, ids: ids(o.ids, 'ack') };
    case 'no': {
      const id = asRecordId(o.id) ?? fail('bad-field', 'no id');
      const code = o.code;
      if (typeof code !== 'string' || !/^[a-z][a-z-]*$/.test(code) || code.length > LINK_WIRE.codeChars)
        return fail('bad-field', 'no code');
      return { t: type, id, code };
    }
    case 'ping':
      return { t: type };
  }
}

/**
 * Reads one frame off a link: a string of at most LIMITS.frameBytes UTF-8
 * bytes (counted before parsing), JSON, no prototype keys, and exactly one of
 * the frame shapes. `bytes` is the frame's weight for rate limits (the cap + 1
 * when it is over it, 0 for a binary frame).
 */
export function parseLinkFrame(raw: unknown): LinkParse {
  if (typeof raw !== 'string') return { ok: false, code: 'not-text', detail: 'binary frame', bytes: 0 };
  const bytes = utf8Bytes(raw, LIMITS.frameBytes);
  if (bytes > LIMITS.frameBytes) return { ok: false, code: 'too-large', detail: 'frame over the cap', bytes };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'not-json', detail: 'frame is not JSON', bytes };
  }
  const walked = walkMessage(value);
  if (walked) return { ok: false, code: walked, detail: `frame refused: ${walked}`, bytes };
  if (!isPlainObject(value)) return { ok: false, code: 'bad-shape', detail: 'frame is not an object', bytes };
  try {
    return { ok: true, frame: frameOf(value), bytes };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, code: e.code, detail: e.detail, bytes };
    throw e;
  }
}

/** The frame's text, keys in the documented order (rec entries as `id`, `b`, `w`, `h`). */
export function encodeLinkFrame(frame: LinkFrame): string {
  const f = frame as unknown as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const k of KEYS[frame.t]) ordered[k] = f[k];
  if (frame.t === 'rec') ordered.r = frame.r.map((e) => ({ id: e.id, b: e.b, w: e.w, h: e.h }));
  return JSON.stringify(ordered);
}

/** UTF-8 bytes one record adds to a `rec` frame (its entry and a comma), for packing frames under the cap. */
export function linkRecordBytes(e: LinkRecord): number {
  return utf8Bytes(JSON.stringify({ id: e.id, b: e.b, w: e.w, h: e.h })) + 1;
}
