/**
 * Bidirectional isolation of text Vada did not write (peer titles, notes,
 * circle names) placed inside its own sentences. A Persian title in an
 * English sentence, or a Latin one ending in "!" in a Persian sentence, would
 * otherwise take the punctuation and numbers around it along in the Unicode
 * bidi algorithm and reorder the sentence. FIRST STRONG ISOLATE … POP
 * DIRECTIONAL ISOLATE (U+2068/U+2069) make the inserted text one neutral unit
 * whose own direction comes from its first strong letter — in DOM text,
 * attributes, notifications and screen readers alike.
 */

const FSI = '\u2068';
const PDI = '\u2069';

const RTL_SCRIPTS = String.raw`\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}`;
/** A letter of a right-to-left script (digits, even Persian ones, are not strong letters). */
const RTL_LETTER = new RegExp(String.raw`(?=\p{L})[${RTL_SCRIPTS}]`, 'u');
/** A letter of any other script (Latin, Cyrillic, Han…): strong left to right. */
const LTR_LETTER = new RegExp(String.raw`(?![${RTL_SCRIPTS}])\p{L}`, 'u');

/** Wraps `text` in first-strong isolation marks. */
export const isolate = (text: string): string => FSI + text + PDI;

/**
 * Isolates `text` only when its direction can clash with the sentence's: it
 * holds letters of the other direction. Same-direction and letterless text
 * (numbers, times) is left exactly as it was.
 */
export function isolateIfMixed(text: string, sentenceIsRtl: boolean): string {
  return (sentenceIsRtl ? LTR_LETTER : RTL_LETTER).test(text) ? isolate(text) : text;
}
