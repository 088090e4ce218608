/**
 * Reads an HTTP `Range` header (RFC 9110 §14) for one file of known size:
 * one `bytes=a-b`, `bytes=a-` or `bytes=-n` becomes a byte span, a span that
 * starts past the end is unsatisfiable (416), and anything else (another
 * unit, a malformed header, several ranges) is ignored, so the whole file is
 * sent with 200. Several ranges would need a multipart/byteranges body; map
 * clients (the pmtiles reader, the app) only ever ask for one, and RFC 9110
 * lets a server ignore Range. Pure, so it is tested without a server.
 */

export type RangeAnswer =
  | { readonly kind: 'whole' }
  | { readonly kind: 'part'; readonly start: number; readonly end: number } // inclusive end
  | { readonly kind: 'unsatisfiable' };

const ONE_RANGE = /^bytes[ \t]*=[ \t]*(\d*)-(\d*)[ \t]*$/i;

/** What to send for `header` (undefined: no Range header) on a file of `size` bytes. */
export function byteRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: 'whole' };
  const m = ONE_RANGE.exec(header);
  if (!m) return { kind: 'whole' };
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    // Suffix: the last n bytes.
    const n = Number(last);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  if (!Number.isSafeInteger(start)) return { kind: 'unsatisfiable' };
  if (last !== '' && Number(last) < start) return { kind: 'whole' }; // invalid: ignored
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: 'part', start, end };
}
