/**
 * What the storage contract suites run on. A *device* is one fresh IndexedDB
 * (a fake-indexeddb factory of its own, so tests share nothing) or nothing at
 * all for the memory stores; a *page* is the app's storage modules loaded
 * afresh, as a reload loads them (no open connection, no codec installed),
 * then the codec of the variant installed as unlocking does. Two pages over
 * one device are two tabs; closing one and loading another is a reload.
 * Sealed variants use the codec a PIN unlock really returns (createPin, then
 * unlockWithPin). The disk gives raw access to the rows at rest: what a
 * forensic copy shows, and where damaged or older rows are planted.
 */
// IndexedDB's classes as globals (idb checks `instanceof IDBRequest`); each device gets its own factory below.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { expect, vi } from 'vitest';
import type { AtRestCodec } from '../../src/platform/atRest';
import { createPin, unlockWithPin } from '../../src/platform/pinLock';
import { DB_NAME, type VadaSchema } from '../../src/platform/vadaDb';
import { toB64url } from '../../src/protocol/base64url';

/** The app's storage modules as one page loaded them. */
export interface Page {
  readonly atRest: typeof import('../../src/platform/atRest');
  readonly vadaDb: typeof import('../../src/platform/vadaDb');
  readonly records: typeof import('../../src/platform/recordStore');
  readonly outbox: typeof import('../../src/platform/outboxStore');
  readonly memoryOutbox: typeof import('../../src/sync/memoryOutbox');
  readonly fallbacks: typeof import('../../src/platform/fallbackStore');
  readonly areas: typeof import('../../src/platform/savedAreaStore');
  readonly circles: typeof import('../../src/platform/circleStore');
  readonly keys: typeof import('../../src/platform/keyStore');
  readonly rekey: typeof import('../../src/platform/rekeyRows');
  readonly settings: typeof import('../../src/platform/settingsStore');
  readonly sealedSettings: typeof import('../../src/platform/sealedSettings');
}

/** Loads the storage modules afresh (what a reload does), then installs `codec` as unlocking does. */
export async function loadPage(codec?: AtRestCodec): Promise<Page> {
  vi.resetModules();
  const [atRest, vadaDb, records, outbox, memoryOutbox, fallbacks, areas, circles, keys, rekey, settings, sealed] =
    await Promise.all([
      import('../../src/platform/atRest'),
      import('../../src/platform/vadaDb'),
      import('../../src/platform/recordStore'),
      import('../../src/platform/outboxStore'),
      import('../../src/sync/memoryOutbox'),
      import('../../src/platform/fallbackStore'),
      import('../../src/platform/savedAreaStore'),
      import('../../src/platform/circleStore'),
      import('../../src/platform/keyStore'),
      import('../../src/platform/rekeyRows'),
      import('../../src/platform/settingsStore'),
      import('../../src/platform/sealedSettings'),
    ]);
  atRest.setAtRest(codec);
  return {
    atRest,
    vadaDb,
    records,
    outbox,
    memoryOutbox,
    fallbacks,
    areas,
    circles,
    keys,
    rekey,
    settings,
    sealedSettings: sealed,
  };
}

/**
 * PBKDF2 rounds for the test PINs: the stores see only the data key the PIN
 * unwraps, which is the same whatever the rounds (pinLock.test.ts checks the
 * real 600,000).
 */
const TEST_ROUNDS = 1_000;

async function unlockedCodec(pin: string): Promise<AtRestCodec> {
  const { record } = await createPin(pin, undefined, TEST_ROUNDS);
  const unlocked = await unlockWithPin(record, pin);
  if (unlocked.kind !== 'unlocked') throw new Error(`PIN ${pin} did not unlock its own record`);
  return unlocked.codec;
}

/** The codecs two different PINs install after unlocking (made once per test file). */
export interface PinCodecs {
  readonly right: AtRestCodec;
  readonly other: AtRestCodec;
}
let pins: Promise<PinCodecs> | undefined;
export function pinCodecs(): Promise<PinCodecs> {
  pins ??= Promise.all([unlockedCodec('2580'), unlockedCodec('139713')]).then(([right, other]) => ({ right, other }));
  return pins;
}

/** A new, empty IndexedDB for this test: a fake-indexeddb factory of its own as the page's `indexedDB`. */
export function freshIndexedDb(): void {
  vi.stubGlobal('indexedDB', new IDBFactory());
}

export type StoreName = 'identity' | 'records' | 'outbox' | 'areas' | 'fallbacks' | 'circles';

/** Raw access to Vada's database, below the stores. */
export interface Disk {
  /** Every key and value of every object store, as text (what a forensic copy of the database shows). */
  dump(): Promise<string>;
  /** The rows of one store, with their keys. */
  rows(store: StoreName): Promise<{ key: IDBValidKey; value: Record<string, unknown> }[]>;
  /** Writes a row as it is (damage, a row from an older version); `key` for stores without a key path. */
  put(store: StoreName, value: unknown, key?: string): Promise<void>;
}

/** Shows a stored value as text: a CryptoKey as its description (its bytes are not readable by a page). */
export function showStored(value: unknown): string {
  return JSON.stringify(value, (_k, x: unknown) =>
    x instanceof CryptoKey ? `[CryptoKey ${x.type} extractable=${String(x.extractable)}]` : x,
  );
}

/** The disk under the current page's database (made at the app's schema version first if no store opened it yet). */
function indexedDbDisk(page: () => Page): Disk {
  const open = async () => {
    await page().vadaDb.recreateVadaDb();
    return openDB<VadaSchema>(DB_NAME);
  };
  const rows: Disk['rows'] = async (store) => {
    const db = await open();
    try {
      const tx = db.transaction(store);
      const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
      return keys.map((key, i) => ({ key, value: values[i] as unknown as Record<string, unknown> }));
    } finally {
      db.close();
    }
  };
  return {
    rows,
    async dump() {
      const db = await open();
      const names = [...db.objectStoreNames];
      db.close();
      const parts = await Promise.all(names.map(async (s) => `${s}: ${showStored(await rows(s))}`));
      return parts.join('\n');
    },
    async put(store, value, key) {
      const db = await open();
      try {
        await db.put(store, value as never, key);
      } finally {
        db.close();
      }
    },
  };
}

/** One implementation of a store interface in one variant, as the contract suites see it. */
export interface StoreImpl<S> {
  /** e.g. "IndexedDB, sealed under a PIN". */
  readonly name: string;
  /** A PIN's codec is installed (rows sealed, looked up by HMAC). */
  readonly sealed: boolean;
  /** Data outlives the instance (reopen, another tab, the disk and the other PIN are available). */
  readonly persistent: boolean;
  /** A fresh device with this store open on it. */
  start(): Promise<StoreRun<S>>;
}

/** One test's device and store; the optional parts exist only where `persistent`. */
export interface StoreRun<S> {
  readonly store: S;
  /** The codec installed; undefined when plain. */
  readonly codec: AtRestCodec | undefined;
  /** Reload: this page closes, a new one opens the store over the same data. */
  reopen?(): Promise<S>;
  /** Another tab: a second page, open at the same time, over the same data. */
  another?(): Promise<S>;
  /** Reload into a page unlocked with another PIN. */
  reopenWithOtherPin?(): Promise<S>;
  /** Reload and run rekeyRows as the app does right after unlocking; its count. */
  rekey?(): Promise<number>;
  readonly disk?: Disk;
  /** The localStorage the page sees (settings stores). */
  readonly localStorage?: FakeStorage;
  /** The page the store was last opened on (its module state: stopping writes, the codec). */
  page(): Page;
}

/** How a store of one interface is opened on a page; `sealed`: a PIN is set (the app picks some stores by that). */
export type OpenStore<S> = (page: Page, sealed: boolean) => S | Promise<S>;

const VARIANTS = [
  { label: 'plain', sealed: false },
  { label: 'sealed under a PIN', sealed: true },
] as const;

/** The memory implementation, plain and with a PIN's codec installed (memory keeps nothing beyond the instance). */
export function memoryImplementations<S>(open: OpenStore<S>): StoreImpl<S>[] {
  return VARIANTS.map(({ label, sealed }) => ({
    name: `memory, ${label}`,
    sealed,
    persistent: false,
    async start() {
      const codec = sealed ? (await pinCodecs()).right : undefined;
      const page = await loadPage(codec);
      return { store: await open(page, sealed), codec, page: () => page };
    },
  }));
}

/** The IndexedDB implementation (fake-indexeddb), plain and sealed under a PIN. */
export function indexedDbImplementations<S>(open: OpenStore<S>): StoreImpl<S>[] {
  return VARIANTS.map(({ label, sealed }) => ({
    name: `IndexedDB, ${label}`,
    sealed,
    persistent: true,
    async start() {
      freshIndexedDb();
      const codecs = await pinCodecs();
      const codec = sealed ? codecs.right : undefined;
      let page = await loadPage(codec);
      const reload = async (c: AtRestCodec | undefined) => {
        await page.vadaDb.closeVadaDb();
        page = await loadPage(c);
        return page;
      };
      return {
        store: await open(page, sealed),
        codec,
        disk: indexedDbDisk(() => page),
        reopen: async () => open(await reload(codec), sealed),
        another: async () => open(await loadPage(codec), sealed),
        reopenWithOtherPin: async () => open(await reload(codecs.other), sealed),
        rekey: async () => (await reload(codec)).rekey.rekeyRows(),
        page: () => page,
      };
    },
  }));
}

/** A localStorage in memory, with everything in it as text (what a dump of the origin's localStorage shows). */
export interface FakeStorage extends Storage {
  dump(): string;
}

export function fakeLocalStorage(): FakeStorage {
  const map = new Map<string, string>();
  const storage = {
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, String(v)),
    removeItem: (k: string) => void map.delete(k),
    clear: () => map.clear(),
    dump: () => JSON.stringify([...map]),
  };
  return storage as FakeStorage;
}

/** Stores kept in localStorage (the settings), plain and sealed under a PIN; a page's `localStorage` is a fake. */
export function localStorageImplementations<S>(open: OpenStore<S>): StoreImpl<S>[] {
  return VARIANTS.map(({ label, sealed }) => ({
    name: `localStorage, ${label}`,
    sealed,
    persistent: true,
    async start() {
      const storage = fakeLocalStorage();
      vi.stubGlobal('localStorage', storage);
      const codecs = await pinCodecs();
      const codec = sealed ? codecs.right : undefined;
      let page = await loadPage(codec);
      const reload = async (c: AtRestCodec | undefined) => (page = await loadPage(c));
      return {
        store: await open(page, sealed),
        codec,
        localStorage: storage,
        reopen: async () => open(await reload(codec), sealed),
        another: async () => open(await loadPage(codec), sealed),
        reopenWithOtherPin: async () => open(await reload(codecs.other), sealed),
        page: () => page,
      };
    },
  }));
}

/** A random canonical base64url id of `bytes` bytes (32: a record id or key; 16: a circle id). */
export function randomId(bytes = 32): string {
  return toB64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** An hour boundary (UTC) the suites count from; the stores keep only hours in the clear under a PIN. */
export const T0 = Date.UTC(2026, 2, 14, 10, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Which of `secrets` occur in `text` (the contract wants none under a PIN). */
export function readable(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => text.includes(s));
}

/** Numbers kept in the clear that are not whole hours (an exact time leaking). */
export function notWholeHours(times: readonly unknown[]): unknown[] {
  return times.filter((t) => typeof t !== 'number' || t % HOUR !== 0);
}

/**
 * The layout of a sealed store at rest: each row sits under the lookup key
 * of its id (so an id seen on a relay finds nothing), holds exactly
 * `columns` besides, and a time kept in the clear is a whole hour.
 */
export async function expectSealedRows(
  run: StoreRun<unknown>,
  store: StoreName,
  ids: readonly string[],
  columns: readonly string[],
  hourColumn?: string,
): Promise<void> {
  const rows = await run.disk!.rows(store);
  const keys = await Promise.all(ids.map((id) => run.codec!.lookup(store, id)));
  expect(rows.map((r) => r.key).sort()).toEqual([...keys].sort());
  expect(Object.keys(rows[0]!.value).sort()).toEqual([...columns].sort());
  if (hourColumn !== undefined) expect(notWholeHours(rows.map((r) => r.value[hourColumn]))).toEqual([]);
}
