/**
 * The pairing flow of nearby phones (createPhoneLinks.ts), fetched on first
 * use (lazyCode.ts): the link sheet waits for it before it shows
 * (src/ui/shell/lazySheets.ts); the bar's count of open links does not need it.
 */
import { lazyCode } from './lazyCode';

/** The loaded pairing-flow code. */
export type PhoneLinksCode = typeof import('./createPhoneLinks');

const phoneLinks = lazyCode(() => import('./createPhoneLinks'));

/** The pairing-flow code once loaded (reactive), else undefined. */
export const phoneLinksCode = phoneLinks.code;

/** Fetches the pairing-flow code (once; again after a failure). */
export const loadPhoneLinksCode = phoneLinks.load;
