/**
 * How many SMS a text takes, so the share sheet can say "about 3 SMS" before
 * someone sends a bundle over a network where SMS is all that still works.
 * GSM 03.38: 160 characters of the 7-bit basic alphabet in one SMS, 153 per
 * part when concatenated; any other character makes the whole text UCS-2
 * (70, then 67 per part). Extension characters (e.g. `{` `€`) count twice.
 */

const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '^{}\\[~]|€\f';

/** Septets the text needs in GSM-7, or undefined when it needs UCS-2. */
export function gsm7Length(text: string): number | undefined {
  let n = 0;
  for (const ch of text) {
    if (BASIC.includes(ch)) n += 1;
    else if (EXTENSION.includes(ch)) n += 2;
    else return undefined;
  }
  return n;
}

/** SMS segments for the text (0 for empty text). */
export function smsSegments(text: string): number {
  const septets = gsm7Length(text);
  const [units, single, part] = septets === undefined ? [[...text].length, 70, 67] : [septets, 160, 153];
  if (units === 0) return 0;
  return units <= single ? 1 : Math.ceil(units / part);
}
