/**
 * Vada's one IndexedDB database. Schema changes bump DB_VERSION and add an
 * upgrade step; the panic wipe (later) deletes the whole database by name.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const DB_NAME = 'vada';
const DB_VERSION = 3;

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

/**
 * Fallback places this device sealed into one of its own points: the plaintext
 * and the keys never leave the device until a disperse alert reveals one key.
 */
export interface FallbackRow {
  /** The point's record id. */
  point: string;
  /** base64url AES-256-GCM keys, by fallback index. */
  keys: string[];
  places: { label: string; lat: number; lon: number }[];
  /** Deleted after this (the point's end, plus time for a late disperse alert). */
  expiresAt: number;
}

export interface VadaSchema extends DBSchema {
  identity: { key: string; value: { publicKey: string; privateKey: CryptoKey } };
  records: { key: string; value: { id: string; wire: string; expiresAt: number }; indexes: { expiresAt: number } };
  outbox: { key: string; value: OutboxRow };
  areas: { key: string; value: SavedAreaRow };
  fallbacks: { key: string; value: FallbackRow; indexes: { expiresAt: number } };
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
      if (oldVersion < 3) {
        d.createObjectStore('fallbacks', { keyPath: 'point' }).createIndex('expiresAt', 'expiresAt');
      }
    },
  });
  return db;
}
