/** Public surface of the pure domain. */
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
export * from './parsePayload';
export * from './records';
export * from './result';
export * from './text';
