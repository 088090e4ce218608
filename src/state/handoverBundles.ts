/**
 * The bundle code of hand-over (packing, text and QR forms, the QR part
 * collector, checking a read bundle, choosing a point's records) and the
 * slice built on it (createHandover.ts, see deferredHandover.ts): a chunk of
 * its own, loaded through handoverCode.ts when a share or import sheet opens
 * or text is read, never with the map.
 */
export { packBundle } from '../protocol/bundle';
export { bundleToQrParts, createQrCollector, isQrPart, qrPartCount } from '../protocol/bundleQr';
export { bundleToText, textToBundles } from '../protocol/bundleText';
export { recordsForPoints } from '../domain/bundleSelection';
export { inspectBundles } from './inspectBundles';
export { createHandover } from './createHandover';
