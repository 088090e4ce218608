/**
 * How a link code starts (protocol §15.1), apart from the code's reader
 * (linkCode.ts), so the pairing flow can tell a link code from a points code
 * without loading the reader, which comes with the WebRTC module on demand.
 */

/** Every link code of version 1 starts with this (QR alphanumeric characters only). */
export const LINK_CODE_MARKER = 'VADA-L1:';

/** True for text that starts like a link code of this version (it may still be refused when read). */
export function isLinkCode(text: unknown): boolean {
  return typeof text === 'string' && text.trim().startsWith(LINK_CODE_MARKER);
}
