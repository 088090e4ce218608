/**
 * The UTF-8 weight of a frame's text, counted without encoding it: every
 * frame cap of the wire (a relay's WebSocket frames, a client's intake, a
 * phone link's data channel) is in UTF-8 bytes, while a JS string's length
 * counts UTF-16 code units (a Cyrillic frame weighs about twice its length).
 * Shared by src/sync/gunIntake.ts and src/protocol/linkWire.ts.
 */

/**
 * UTF-8 length of `s` (what it weighs in a WebSocket text frame), or `limit + 1`
 * as soon as it is known to exceed `limit`. Well-formed strings only come off a
 * socket; a lone surrogate counts 3 bytes, as its U+FFFD replacement would.
 */
export function utf8Bytes(s: string, limit = Infinity): number {
  // Every code unit is at least one byte: a longer string is over without counting.
  if (s.length > limit) return limit + 1;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
    if (n > limit) return limit + 1;
  }
  return n;
}
