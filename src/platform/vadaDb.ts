/**
 * Vada's one IndexedDB database. Schema changes bump DB_VERSION and add an
 * upgrade step; the panic wipe (later) deletes the whole database by name.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const DB_NAME = 'vada';
const DB_VERSION = 2;

/** A record this device published, until a relay acknowledged it. */
export interface OutboxRow {
  id: string;
  circle: string;
  wire: string;
  created: number;
  /** When a relay acknowledged it; absent while not sent yet. */
  sentAt?: number;
  /** Why a relay refused it (never retried); absent unless refused. */
  refused?: string;
}

/** A map area saved for offline use (its tiles live in Cache Storage). */
export interface SavedAreaRow {
  id: string;
  name: string;
  bounds: { south: number; west: number; north: number; east: number };
  minZoom: number;
  maxZoom: number;
  tileCount: number;
  doneCount: number;
  bytes: number;
  createdAt: number;
  state: 'downloading' | 'paused' | 'complete';
}

export interface VadaSchema extends DBSchema {
  identity: { key: string; value: { publicKey: string; privateKey: CryptoKey } };
  records: { key: string; value: { id: string; wire: string; expiresAt: number }; indexes: { expiresAt: number } };
  outbox: { key: string; value: OutboxRow };
  areas: { key: string; value: SavedAreaRow };
}

let db: Promise<IDBPDatabase<VadaSchema>> | undefined;

export function openVadaDb(): Promise<IDBPDatabase<VadaSchema>> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('IndexedDB is not available in this browser'));
  db ??= openDB<VadaSchema>(DB_NAME, DB_VERSION, {
    upgrade(d, oldVersion) {
      if (oldVersion < 1) {
        d.createObjectStore('identity');
        d.createObjectStore('records', { keyPath: 'id' }).createIndex('expiresAt', 'expiresAt');
      }
      if (oldVersion < 2) {
        d.createObjectStore('outbox', { keyPath: 'id' });
        d.createObjectStore('areas', { keyPath: 'id' });
      }
    },
  });
  return db;
}
