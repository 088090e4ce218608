/**
 * A pack's metadata text (name, attribution) as plain text. Packs carry HTML
 * attributions such as `<a href="…">&copy; OpenStreetMap</a>`; Vada shows
 * text only (never innerHTML), so tags are removed, character references
 * decoded, control and direction-override characters dropped, whitespace
 * collapsed and the length bounded.
 */

/** The work bound: longer input is cut before any pattern runs over it. */
const MAX_INPUT_CHARS = 4096;

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  copy: '©',
  reg: '®',
  trade: '™',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  middot: '·',
};

function fromCodePoint(n: number): string {
  const ok = Number.isInteger(n) && n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff);
  return ok ? String.fromCodePoint(n) : '\uFFFD';
}

function decodeEntity(whole: string, body: string): string {
  if (body.startsWith('#x') || body.startsWith('#X')) return fromCodePoint(parseInt(body.slice(2), 16));
  if (body.startsWith('#')) return fromCodePoint(parseInt(body.slice(1), 10));
  return NAMED[body.toLowerCase()] ?? whole;
}

/** `value` as plain text of at most `maxChars` code points; '' when it is not a string. */
export function plainText(value: unknown, maxChars: number): string {
  if (typeof value !== 'string') return '';
  const text = value
    .slice(0, MAX_INPUT_CHARS)
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, decodeEntity)
    // C0/C1 controls, bidi marks, embeddings, overrides and isolates.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const points = Array.from(text);
  return points.length <= maxChars ? text : points.slice(0, maxChars).join('').trim();
}
