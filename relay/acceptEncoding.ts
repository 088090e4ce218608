/**
 * Reads a request's `Accept-Encoding` (RFC 9110 §12.5.3) and picks the body
 * encoding the relay sends: brotli, gzip or none. Parsed properly rather
 * than with `includes('br')`, because `br;q=0` is a refusal, `*` covers
 * codings not named, and a client that can only take identity must never
 * receive compressed bytes it cannot read.
 */

/** The encodings the static file server can send, in its order of preference. */
export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * Coding → quality (0..1) for each well-formed entry of an `Accept-Encoding`
 * value; names are lowercased, `x-gzip` counts as `gzip`, malformed entries
 * are skipped, and a name given twice keeps its first quality.
 */
export function parseAcceptEncoding(header: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (header === undefined) return out;
  for (const entry of header.split(',')) {
    const [rawName, ...params] = entry.split(';');
    let name = (rawName ?? '').trim().toLowerCase();
    if (!/^(?:\*|[a-z0-9!#$%&'*+.^_`|~-]+)$/.test(name)) continue;
    if (name === 'x-gzip') name = 'gzip';
    let q = 1;
    let bad = false;
    for (const param of params) {
      const [key, value] = param.split('=').map((s) => s.trim().toLowerCase());
      if (key !== 'q') continue;
      if (value === undefined || !/^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value)) bad = true;
      else q = Number(value);
    }
    if (!bad && !out.has(name)) out.set(name, q);
  }
  return out;
}

/** Below every quality a client can write (three decimals at most). */
const LAST_RESORT = 0.0001;

/**
 * The encoding to send for a compressible file, among `offered` (identity is
 * always the fallback). Each coding's quality is its
 * own entry, else `*`'s, else 0 — except identity, which is acceptable
 * unless excluded, but only as the last resort when not named: a client
 * that lists gzip at any quality gets gzip, one that ranks identity above
 * it gets identity. The highest quality wins, ties going to br, then gzip,
 * then identity. No header at all means identity: old clients and scripts
 * that send nothing get plain bytes. When every choice is refused the body
 * goes out as identity anyway (the RFC allows ignoring the header rather
 * than answering 406; a readable body is the more useful refusal).
 */
export function negotiateEncoding(
  header: string | undefined,
  offered: readonly Encoding[] = ['br', 'gzip', 'identity'],
): Encoding {
  if (header === undefined) return 'identity';
  const accepted = parseAcceptEncoding(header);
  const star = accepted.get('*');
  const quality = (name: Encoding) => accepted.get(name) ?? star ?? (name === 'identity' ? LAST_RESORT : 0);
  let best: Encoding = 'identity';
  let bestQ = 0;
  for (const name of ['br', 'gzip', 'identity'] as const) {
    if (!offered.includes(name)) continue;
    const q = quality(name);
    if (q > bestQ) [best, bestQ] = [name, q];
  }
  return best;
}
