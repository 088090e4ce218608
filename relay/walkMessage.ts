/** The relay and the client share one message walk (src/sync/walkMessage.ts). */
export * from '../src/sync/walkMessage';
