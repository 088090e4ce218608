/**
 * How the two text forms of a bundle start (protocol §13), apart from their
 * readers (bundleQr.ts, bundleText.ts), so the pairing flow can tell a points
 * code from a link code without loading the bundle code, which comes with the
 * hand-over sheets on demand (like linkCodeMarker.ts for link codes).
 */

/** Starts every QR part (upper case: QR's alphanumeric mode has no lower case). */
export const QR_MARKER = 'VADA:';

/** Starts every bundle text; matched in any letter case, written in lower case. The 1 is the text form's version. */
export const BUNDLE_TEXT_MARKER = 'vada1:';
