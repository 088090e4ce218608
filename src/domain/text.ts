/**
 * Rules for peer-supplied text. Text is only ever rendered as text, but we
 * still refuse control characters (they hide content in notifications and
 * logs) and normalise to NFC so that equal strings compare equal.
 */
// C0/C1 controls except tab/newline, bidi marks, overrides and isolates (they can
// reorder displayed text to disguise a place name), line/paragraph separators (line
// breaks that escape the one-line rule), BOM/zero-width no-break, and lone surrogates
// (JSON "\ud800" escapes; with the u flag the range matches only unpaired halves).
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/u;

/** Length in user-visible code points, not UTF-16 units. */
export function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Returns the cleaned text, or a reason it is refused. */
export function checkText(
  value: unknown,
  field: string,
  min: number,
  max: number,
  allowNewlines: boolean,
): { ok: true; text: string } | { ok: false; detail: string } {
  if (typeof value !== 'string') return { ok: false, detail: `${field} must be text` };
  const text = value.normalize('NFC').trim();
  if (FORBIDDEN.test(text)) return { ok: false, detail: `${field} contains control characters` };
  if (!allowNewlines && /[\n\t]/.test(text)) return { ok: false, detail: `${field} must be one line` };
  const n = codePoints(text);
  if (n < min) return { ok: false, detail: min === 1 ? `${field} is required` : `${field} is too short` };
  if (n > max) return { ok: false, detail: `${field} is longer than ${max} characters` };
  return { ok: true, text };
}
