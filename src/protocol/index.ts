/**
 * Public surface of the wire protocol (v1). Bundles (bundle, bundleQr,
 * bundleText and their base45/base62 encodings) are imported from their own
 * modules instead: whatever a barrel re-exports sits in the entry chunk of
 * every page that imports the barrel, and bundles are only needed once a
 * hand-over sheet opens (docs/decisions/code-splitting.md). For the same reason
 * code in the first load imports from the module itself, never from here:
 * this barrel brings the whole in-page verification and sealing stack
 * (tests/unit/protocol/onDemand.test.ts checks it).
 */
export * from './base64url';
export * from './circle';
export * from './envelope';
export * from './fallbacks';
export * from './identity';
export * from './inspectEnvelope';
export * from './openEnvelope';
export * from './recordId';
export * from './sealRecord';
export * from './varint';
