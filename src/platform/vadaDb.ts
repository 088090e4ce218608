/**
 * Vada's one IndexedDB database. Schema changes bump DB_VERSION and add an
 * upgrade step; the panic wipe (later) deletes the whole database by name.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const DB_NAME = 'vada';
const DB_VERSION = 1;

export interface VadaSchema extends DBSchema {
  identity: { key: string; value: { publicKey: string; privateKey: CryptoKey } };
  records: { key: string; value: { id: string; wire: string; expiresAt: number }; indexes: { expiresAt: number } };
}

let db: Promise<IDBPDatabase<VadaSchema>> | undefined;

export function openVadaDb(): Promise<IDBPDatabase<VadaSchema>> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('IndexedDB is not available in this browser'));
  db ??= openDB<VadaSchema>(DB_NAME, DB_VERSION, {
    upgrade(d) {
      d.createObjectStore('identity');
      d.createObjectStore('records', { keyPath: 'id' }).createIndex('expiresAt', 'expiresAt');
    },
  });
  return db;
}
