/**
 * Vada's one IndexedDB database. Schema changes bump DB_VERSION and add an
 * upgrade step; the panic wipe (later) deletes the whole database by name.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { unregisterAllServiceWorkers } from './serviceWorker';

export const DB_NAME = 'vada';
const DB_VERSION = 4;

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
  /** Received by hand and passed on, not this device's own record. */
  carried?: true;
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

/**
 * A private circle this device belongs to. Only `id` is stored in the clear
 * (the key path); the rest (key, name, organizers) goes through atRest().seal,
 * so an app PIN covers circle keys too (src/platform/circleStore.ts).
 */
export interface CircleDbRow {
  id: string;
  sealed: unknown;
}

export interface VadaSchema extends DBSchema {
  // Rows written since the app PIN keep only their key path and index fields in the clear; the rest is in
  // `sealed` (atRest().seal, src/platform/pinLock.ts). The plain shapes are rows written before.
  identity: { key: string; value: { publicKey: string; privateKey: CryptoKey } | { sealed: unknown } };
  records: {
    key: string;
    value: { id: string; wire: string; expiresAt: number } | { id: string; expiresAt: number; sealed: unknown };
    indexes: { expiresAt: number };
  };
  outbox: { key: string; value: OutboxRow | { id: string; created: number; sealed: unknown } };
  areas: { key: string; value: SavedAreaRow | { id: string; sealed: unknown } };
  fallbacks: {
    key: string;
    value: FallbackRow | { point: string; expiresAt: number; sealed: unknown };
    indexes: { expiresAt: number };
  };
  circles: { key: string; value: CircleDbRow };
}

/** Creates the stores a database at `oldVersion` lacks. */
function upgrade(d: IDBPDatabase<VadaSchema>, oldVersion: number): void {
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
  if (oldVersion < 4) {
    d.createObjectStore('circles', { keyPath: 'id' });
  }
}

let db: Promise<IDBPDatabase<VadaSchema>> | undefined;
/** Set once this page closed its connection itself (its own wipe): a deletion is then not news from elsewhere. */
let closedHere = false;

export function openVadaDb(): Promise<IDBPDatabase<VadaSchema>> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('IndexedDB is not available in this browser'));
  db ??= openDB<VadaSchema>(DB_NAME, DB_VERSION, {
    upgrade,
    // Another tab deletes the database (its panic wipe): this tab must not go on showing what was erased.
    blocking(_current, next) {
      if (next === null && !closedHere) leaveAfterWipeElsewhere();
    },
  });
  return db;
}

/** How long this tab may take to undo its own worker registration before it leaves anyway. */
const LEAVE_WITHIN_MS = 2000;

/**
 * This tab's part of a wipe started in another tab: its connection, its session storage, its
 * worker registration, its page. A registration this tab started (Workbox registers after the
 * page's load event) may land after the other tab unregistered every worker; its install would
 * then put the app's files back into a cache the wipe had just emptied, telling whoever holds the
 * phone that Vada was here. So the tab undoes it and empties the caches again before leaving,
 * with nothing erased left on its screen meanwhile.
 */
function leaveAfterWipeElsewhere(): void {
  void closeVadaDb();
  try {
    sessionStorage.clear();
  } catch {
    /* blocked storage holds nothing */
  }
  document.body?.replaceChildren();
  const undo = unregisterAllServiceWorkers()
    .catch(() => undefined)
    .then(() =>
      typeof caches === 'undefined' ? [] : caches.keys().then((names) => names.map((n) => caches.delete(n))),
    )
    .then((deleting) => Promise.allSettled(deleting));
  void Promise.race([undo, new Promise((done) => setTimeout(done, LEAVE_WITHIN_MS))]).finally(() =>
    location.replace('about:blank'),
  );
}

/**
 * Closes this page's connection so deleting the database is not blocked by it
 * (the panic wipe). Later opens are refused: a store writing after the wipe
 * began must not recreate the database.
 */
export async function closeVadaDb(): Promise<void> {
  closedHere = true;
  const open = db;
  const closed = Promise.reject(new Error('Vada storage was erased'));
  closed.catch(() => undefined);
  db = closed;
  (await open?.catch(() => undefined))?.close();
}

/**
 * Creates Vada's database afresh (all stores, empty) and closes it: "start
 * fresh" deletes the whole database and makes a new one rather than deleting
 * rows. Queued behind a pending deletion by the browser (IndexedDB runs
 * requests for one name in order).
 */
export async function recreateVadaDb(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  (await openDB<VadaSchema>(DB_NAME, DB_VERSION, { upgrade })).close();
}

/**
 * Deletes the rows of a store whose exact expiry (inside the sealed row) is at
 * or before `now` (expiry is deletion); returns how many. The clear `expiresAt`
 * is rounded down (sealedRow.ts), so it picks the candidates; rows that do not
 * open any more are deleted once their clear expiry passed. Reading, opening
 * and deleting are separate transactions (async crypto would commit one early).
 */
export async function deleteExpired(
  db: IDBPDatabase<VadaSchema>,
  store: 'records' | 'fallbacks',
  now: number,
  open: (stored: object) => Promise<{ expiresAt?: unknown } | undefined>,
): Promise<number> {
  const range = IDBKeyRange.upperBound(now);
  const read = db.transaction(store).store.index('expiresAt');
  const [keys, rows] = await Promise.all([read.getAllKeys(range), read.getAll(range)]);
  const gone: string[] = [];
  for (const [i, stored] of rows.entries()) {
    const exact = (await open(stored))?.expiresAt;
    const key = keys[i];
    if (key !== undefined && (typeof exact !== 'number' || exact <= now)) gone.push(key);
  }
  const tx = db.transaction(store, 'readwrite');
  await Promise.all([...gone.map((k) => tx.store.delete(k)), tx.done]);
  return gone.length;
}
