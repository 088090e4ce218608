/** Public surface of the wire protocol (v1). */
export * from './base64url';
export * from './circle';
export * from './envelope';
export * from './fallbacks';
export * from './identity';
export * from './inspectEnvelope';
export * from './openEnvelope';
export * from './recordId';
export * from './sealRecord';
export * from './base45';
export * from './base62';
export * from './bundle';
export * from './bundleQr';
export * from './bundleText';
export * from './varint';
