/**
 * The copy-pasteable text form of a bundle, also the content of .vada files
 * (docs/protocol.md §13.2): the marker `vada1:` then the bundle in base62
 * blocks, its byte length first. Letters, digits and one colon are in SMS's
 * GSM-7 basic alphabet (160 characters per message, not 70) and nothing in it
 * is touched by chat markdown, linkifiers or mail. Reading is forgiving where
 * transports are clumsy — text around and between bundles, line breaks and
 * spaces inserted anywhere in the body, mail quote marks, a capitalised
 * marker — and strict about the bytes: each block has one spelling.
 */
import { LIMITS } from '../domain/limits';
import { refuse, type Rejection } from '../domain/result';
import {
  BASE62_BLOCK_BYTES,
  BASE62_BLOCK_CHARS,
  base62Decode,
  base62Encode,
  base62Length,
  isBase62Char,
} from './base62';
import { readVarint, writeVarint } from './varint';
import { BUNDLE_TEXT_MARKER } from './bundleMarkers';

export { BUNDLE_TEXT_MARKER };

/** Skipped inside a body: white space (spaces, tabs, line breaks, no-break spaces) and invisible break hints. */
const SKIPPED = /[\s\u00ad\u200b-\u200d\u2060]/;

/** The text form of bundle bytes: `vada1:` and the base62 of (varint byte length ‖ bytes), the first block zero-padded to 32 bytes. */
export function bundleToText(bytes: Uint8Array): string {
  if (bytes.length > LIMITS.bundleBytes)
    throw new TypeError(`bundleToText: ${bytes.length} bytes, a bundle holds at most ${LIMITS.bundleBytes}`);
  const length = writeVarint(bytes.length);
  const body = new Uint8Array(Math.max(BASE62_BLOCK_BYTES, length.length + bytes.length));
  body.set(length);
  body.set(bytes, length.length);
  return BUNDLE_TEXT_MARKER + base62Encode(body);
}

/** Reads the significant characters of a body: base62 digits, skipping white space and `>` quote marks at line starts. */
class BodyReader {
  private lineStart = false;
  constructor(
    private readonly text: string,
    public pos: number,
  ) {}

  /** Up to `n` digits; fewer when the body stops (any other character, the next marker, or the end of the text). */
  take(n: number): string {
    const out: string[] = [];
    const { text } = this;
    while (out.length < n && this.pos < text.length) {
      const ch = text.charAt(this.pos);
      if (
        (ch === 'v' || ch === 'V') &&
        text.slice(this.pos, this.pos + BUNDLE_TEXT_MARKER.length).toLowerCase() === BUNDLE_TEXT_MARKER
      )
        break;
      if (isBase62Char(ch)) {
        out.push(ch);
        this.lineStart = false;
      } else if (ch === '\n' || ch === '\r') this.lineStart = true;
      else if (!SKIPPED.test(ch) && !(this.lineStart && ch === '>')) break;
      this.pos++;
    }
    return out.join('');
  }
}

type BodyRead = { readonly bytes: Uint8Array } | { readonly error: Rejection };

/**
 * The bundle whose body starts at `reader.pos`. When the body stops early or a
 * later block is damaged, the bytes before it are returned: unpackBundle then
 * keeps the records they hold and reports the rest as damaged.
 */
function readBody(reader: BodyReader): BodyRead {
  const firstChars = reader.take(BASE62_BLOCK_CHARS);
  if (firstChars.length < BASE62_BLOCK_CHARS)
    return refuse('truncated', `the text ends ${firstChars.length} characters into a bundle, before its first block`);
  const first = base62Decode(firstChars);
  if (!first) return refuse('bad-text', 'the first block of the bundle is not canonical base62');
  const length = readVarint(first, 0);
  if (length.problem) return refuse('bad-text', 'the bundle length is not a readable number in its shortest form');
  if (length.value > LIMITS.bundleBytes)
    return refuse('too-large', `the text announces a bundle of ${length.value} bytes, more than ${LIMITS.bundleBytes}`);
  const total = length.next + length.value;
  if (total <= BASE62_BLOCK_BYTES) {
    if (first.subarray(total).some((b) => b !== 0))
      return refuse('bad-text', 'the padding of a short bundle is not zero');
    return { bytes: first.slice(length.next, total) };
  }
  const restBytes = total - BASE62_BLOCK_BYTES;
  const restChars = base62Length(restBytes);
  const rest = reader.take(restChars);
  const out = new Uint8Array(total);
  out.set(first);
  let have = BASE62_BLOCK_BYTES;
  for (let at = 0; at < rest.length; at += BASE62_BLOCK_CHARS) {
    const chars = rest.slice(at, at + BASE62_BLOCK_CHARS);
    // A short slice is a block only when it is the body's complete last block.
    if (chars.length < BASE62_BLOCK_CHARS && at + chars.length !== restChars) break;
    const block = base62Decode(chars);
    if (!block) break;
    out.set(block, have);
    have += block.length;
  }
  return { bytes: out.slice(length.next, have) };
}

/** Finds every bundle in pasted text (it may be surrounded by other words, wrapped by line breaks/spaces
 *  inserted by SMS apps or mail, or hold several bundles). Never throws. A text without the marker gives
 *  no bundles and no refusals; a bundle cut short gives the bytes that arrived (unpackBundle reports the rest). */
export function textToBundles(text: string): { readonly bundles: Uint8Array[]; readonly refusals: Rejection[] } {
  const bundles: Uint8Array[] = [];
  const refusals: Rejection[] = [];
  if (typeof text !== 'string') return { bundles, refusals: [{ code: 'bad-text', detail: 'not text' }] };
  if (text.length > LIMITS.bundleTextChars)
    return {
      bundles,
      refusals: [{ code: 'too-large', detail: `the text is longer than ${LIMITS.bundleTextChars} characters` }],
    };
  const marker = new RegExp(BUNDLE_TEXT_MARKER, 'gi');
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    const reader = new BodyReader(text, marker.lastIndex);
    const read = readBody(reader);
    if ('bytes' in read) bundles.push(read.bytes);
    else refusals.push(read.error);
    marker.lastIndex = reader.pos;
  }
  return { bundles, refusals };
}
