/**
 * Public surface of the pure domain. Payload parsing (parsePayload, with its
 * schemas and valibot) is imported from its own module instead: whatever a
 * barrel re-exports sits in the entry chunk, and payloads are parsed only when
 * a record is opened, in the verify worker or in a chunk loaded for it
 * (docs/decisions/code-splitting.md).
 */
export * from './brand';
export * from './bucket';
export * from './clock';
export * from './clockOffset';
export * from './alertEvents';
export * from './foldAlerts';
export * from './pointsOrganizedBy';
export * from './foldPoints';
export * from './geo';
export * from './limits';
export * from './records';
export * from './result';
export * from './text';
