/**
 * Imported map packs (PMTiles files) on this phone, in the Origin Private
 * File System: 'vada-packs/<id>.pmtiles' plus 'vada-packs/index.json'
 * (packIndex.ts), readable by the service worker too. Why the OPFS and not
 * IndexedDB or Cache Storage: docs/decisions/map-packs.md, Storage.
 *
 * An import never holds the file in memory: the header and metadata are
 * checked first (openPack reads a few KiB by ranges), then the storage
 * estimate (a pack that does not fit is refused before a byte is written),
 * then the file is streamed chunk by chunk into an OPFS writable, with
 * progress and cancel; a cancelled or failed import leaves no partial file.
 * The stored copy is opened again before the pack is listed, so what the
 * list shows is what the map can read.
 */
import { isPackProblem, PackProblem } from '../domain/packProblem';
import { blobByteSource, urlByteSource, type ByteSource } from '../tiles/byteSource';
import { openPack, type OpenPack } from '../tiles/openPack';
import { isNotFound, opfsRoot, type OpfsDirectory, type OpfsFileHandle } from './opfs';
import { isPackId, packFileName, packsDir, readPackIndex, writePackIndex, type PackRecord } from './packIndex';
import { sendPacksChanged } from './packsChanged';
import { wipePacks } from './wipePacks';

export type { PackRecord } from './packIndex';

/** A running import: `done` resolves with the listed pack or rejects with a PackProblem. */
export interface PackImport {
  readonly done: Promise<PackRecord>;
  /** Stops the import; `done` rejects PackProblem('cancelled') and nothing is kept. */
  cancel(): void;
}

/** Imported map packs (OPFS). */
export interface PackStore {
  /** The imported packs, oldest first (rows whose file is missing are left out). */
  list(): Promise<PackRecord[]>;
  /**
   * Checks header + metadata first (openPack on the file), then
   * navigator.storage.estimate() (refuses 'no-space' when the pack does not
   * fit with a 10 % margin), then streams file.stream() into an OPFS writable
   * (never whole in memory), reporting bytes written; re-opens the stored copy
   * before listing it.
   */
  importFile(file: Blob, fileName: string, onProgress: (written: number, total: number) => void): PackImport;
  /** The same from a URL (a relay's pack): the size from Content-Length, the body streamed. */
  importUrl(url: string, fileName: string, onProgress: (written: number, total: number) => void): PackImport;
  /** The pack opened for reading tiles (kept open; undefined when it is not listed or no longer reads). */
  open(id: string): Promise<OpenPack | undefined>;
  /** The stored file as is, named as imported (for export and sharing); never read here. */
  file(id: string): Promise<File | undefined>;
  remove(id: string): Promise<void>;
  /** Deletes every pack and the index (the whole 'vada-packs' directory). */
  wipe(): Promise<void>;
}

/** What the store needs from the browser (fakes in tests). */
export interface PackStoreDeps {
  /** The OPFS root; undefined where the browser has none (every import is then refused 'read-failed'). */
  root(): Promise<OpfsDirectory | undefined>;
  /** navigator.storage.estimate(); undefined (or no quota) skips the space check. */
  estimate(): Promise<{ quota?: number; usage?: number } | undefined>;
  fetch: typeof fetch;
  /** Called after every import, removal and wipe (default: tells the service worker, packsChanged.ts). */
  changed(): Promise<void>;
  now(): number;
  /** A fresh pack id: 8–64 lowercase letters and digits. */
  newId(): string;
  /** Runs `fn` holding the index for this origin (Web Locks across tabs); default one lock per store. */
  withIndexLock?<T>(fn: () => Promise<T>): Promise<T>;
}

/** Room kept free beyond the pack itself: a pack is refused unless size × (1 + margin) fits. */
export const SPACE_MARGIN = 0.1;
const INDEX_LOCK = 'vada-packs-index';

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Where Web Locks exist (every current browser), the index is written by one tab at a time. */
function webLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  // request() resolves with what the callback's promise resolves to (its typing nests the promise).
  return locks ? (locks.request(INDEX_LOCK, fn) as unknown as Promise<T>) : fn();
}

/** The browser's OPFS, storage estimate and fetch; the worker is told of every change. */
export function browserPackStoreDeps(): PackStoreDeps {
  return {
    root: opfsRoot,
    estimate: async () => {
      try {
        return await navigator.storage.estimate();
      } catch {
        return undefined;
      }
    },
    fetch: (input, init) => fetch(input, init),
    changed: () => sendPacksChanged(),
    now: () => Date.now(),
    newId: randomId,
    withIndexLock: webLock,
  };
}

/** Every failure as a PackProblem: a cancel wins, a full disk is 'no-space', anything unknown 'read-failed'. */
function asProblem(e: unknown, signal: AbortSignal): PackProblem {
  if (signal.aborted) return new PackProblem('cancelled');
  if (isPackProblem(e)) return e;
  const name = typeof e === 'object' && e !== null ? (e as { name?: unknown }).name : undefined;
  if (name === 'QuotaExceededError') return new PackProblem('no-space', 'the browser refused the write');
  return new PackProblem('read-failed', e instanceof Error ? e.message : String(e));
}

/** A file name as plain text without a path: control characters dropped, ≤ 255 characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const plain = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  return plain.slice(0, 255) || 'map.pmtiles';
}

/** Opens a pack, every failure as a PackProblem ('read-failed' for anything the reader did not name). */
async function checkedOpen(source: ByteSource): Promise<OpenPack> {
  try {
    return await openPack(source);
  } catch (e) {
    if (isPackProblem(e)) throw e;
    throw new PackProblem('read-failed', e instanceof Error ? e.message : String(e));
  }
}

/**
 * Streams `body` into `handle` (replacing its content), counting bytes; rejects
 * past `total` bytes, and when fewer arrive ('truncated').
 */
async function streamInto(
  handle: OpfsFileHandle,
  body: ReadableStream<Uint8Array>,
  total: number,
  signal: AbortSignal,
  onProgress: (written: number, total: number) => void,
): Promise<void> {
  const writable = await handle.createWritable();
  let written = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      written += chunk.byteLength;
      if (written > total) throw new PackProblem('read-failed', `more than the ${total} bytes announced`);
      controller.enqueue(chunk);
      onProgress(written, total);
    },
  });
  // An abort (cancel) or an error on either side aborts the writable: the OPFS discards what it wrote.
  await body.pipeThrough(counter).pipeTo(writable, { signal });
  if (written !== total) throw new PackProblem('truncated', `${written} of ${total} bytes`);
}

/** What an import reads: a checkable source of the bytes, the size, and the body to store. */
interface ImportSource {
  readonly check: ByteSource;
  readonly total: number;
  body(): ReadableStream<Uint8Array>;
  /** Frees the source when the body will not be read (a fetch response's stream). */
  discard(): void;
}

/** The OPFS pack store (default: this browser's). */
export function openPackStore(deps: PackStoreDeps = browserPackStoreDeps()): PackStore {
  const opened = new Map<string, Promise<OpenPack | undefined>>();
  const running = new Set<AbortController>();
  let chain: Promise<unknown> = Promise.resolve();
  /** One index change at a time in this store, and across tabs when the lock is given. */
  const locked = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = () => (deps.withIndexLock ? deps.withIndexLock(fn) : fn());
    const next = chain.then(run, run);
    chain = next.catch(() => undefined);
    return next;
  };

  const dir = async (create: boolean): Promise<OpfsDirectory | undefined> => {
    const root = await deps.root();
    return root && packsDir(root, create);
  };

  const storedFile = async (id: string): Promise<{ record: PackRecord; file: File } | undefined> => {
    if (!isPackId(id)) return undefined;
    const d = await dir(false);
    if (!d) return undefined;
    const record = (await readPackIndex(d)).find((r) => r.id === id);
    if (!record) return undefined;
    try {
      return { record, file: await (await d.getFileHandle(packFileName(id))).getFile() };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  };

  const notify = () => deps.changed().catch(() => undefined);

  function start(
    prepare: (signal: AbortSignal) => Promise<ImportSource>,
    fileName: string,
    onProgress: (written: number, total: number) => void,
  ): PackImport {
    const ctrl = new AbortController();
    const { signal } = ctrl;
    running.add(ctrl);
    const cancelled = () => {
      if (signal.aborted) throw new PackProblem('cancelled');
    };
    const run = async (): Promise<PackRecord> => {
      const source = await prepare(signal);
      let kept = false;
      try {
        // 1. The header and metadata: a file that is no pack is refused before anything is written.
        const checked = await checkedOpen(source.check);
        cancelled();
        // 2. Room for it, with a margin: refused before a byte is written.
        const estimate = await deps.estimate();
        const { quota, usage } = estimate ?? {};
        if (typeof quota === 'number' && typeof usage === 'number' && quota - usage < source.total * (1 + SPACE_MARGIN))
          throw new PackProblem('no-space', `${source.total} bytes, ${quota - usage} free`);
        cancelled();
        // 3. The copy, streamed.
        const d = await dir(true);
        if (!d) throw new PackProblem('read-failed', 'no origin private file system here');
        const id = deps.newId();
        if (!isPackId(id)) throw new PackProblem('read-failed', 'bad pack id');
        const name = packFileName(id);
        const handle = await d.getFileHandle(name, { create: true });
        kept = true;
        try {
          await streamInto(handle, source.body(), source.total, signal, onProgress);
          // 4. The stored copy must read as the checked file did.
          const stored = await checkedOpen(blobByteSource(await handle.getFile(), `opfs:${id}`));
          cancelled();
          if (stored.info.bytes !== checked.info.bytes || stored.info.tiles !== checked.info.tiles)
            throw new PackProblem('read-failed', 'the stored copy differs from the file');
          // 5. Listed.
          // The name stays as the metadata gave it ('' for none: the list falls back to fileName).
          const record: PackRecord = {
            ...stored.info,
            id,
            fileName,
            importedAt: deps.now(),
          };
          await locked(async () => {
            cancelled();
            const target = await dir(true);
            if (!target) throw new PackProblem('read-failed', 'the packs directory is gone');
            await writePackIndex(target, [...(await readPackIndex(target)), record]);
          });
          opened.set(id, Promise.resolve(stored));
          return record;
        } catch (e) {
          await d.removeEntry(name).catch(() => undefined);
          throw e;
        }
      } finally {
        if (!kept) source.discard();
      }
    };
    const done = run()
      .then(
        async (record) => {
          await notify();
          return record;
        },
        (e: unknown) => {
          throw asProblem(e, signal);
        },
      )
      .finally(() => running.delete(ctrl));
    return { done, cancel: () => ctrl.abort() };
  }

  return {
    async list() {
      const d = await dir(false);
      if (!d) return [];
      const listed: PackRecord[] = [];
      for (const record of await readPackIndex(d)) {
        try {
          await d.getFileHandle(packFileName(record.id));
          listed.push(record);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
      return listed;
    },

    importFile(file, fileName, onProgress) {
      const name = cleanFileName(fileName);
      return start(
        async () => ({
          check: blobByteSource(file),
          total: file.size,
          body: () => file.stream(),
          discard: () => undefined,
        }),
        name,
        onProgress,
      );
    },

    importUrl(url, fileName, onProgress) {
      const name = cleanFileName(fileName);
      return start(
        async (signal) => {
          let res: Response;
          try {
            res = await deps.fetch(url, { signal, cache: 'no-store', credentials: 'same-origin' });
          } catch (e) {
            throw asProblem(e, signal);
          }
          const body = res.body;
          const length = Number(res.headers.get('Content-Length') ?? NaN);
          if (!res.ok || !body || !Number.isSafeInteger(length) || length <= 0) {
            await body?.cancel().catch(() => undefined);
            throw new PackProblem('read-failed', `HTTP ${res.status}, length ${String(length)}`);
          }
          const etag = res.headers.get('ETag') ?? undefined;
          return {
            check: urlByteSource(url, length, etag),
            total: length,
            body: () => body,
            discard: () => void body.cancel().catch(() => undefined),
          };
        },
        name,
        onProgress,
      );
    },

    open(id) {
      let pack = opened.get(id);
      if (!pack) {
        pack = storedFile(id).then(
          (found) => (found ? checkedOpen(blobByteSource(found.file, `opfs:${id}`)).catch(() => undefined) : undefined),
          () => undefined,
        );
        opened.set(id, pack);
        // Not listed (yet): asked again next time.
        void pack.then((p) => p ?? opened.delete(id));
      }
      return pack;
    },

    async file(id) {
      const found = await storedFile(id);
      if (!found) return undefined;
      // A File over the stored one: the bytes are not read, only referenced.
      return new File([found.file], found.record.fileName, {
        type: 'application/vnd.pmtiles',
        lastModified: found.record.importedAt,
      });
    },

    async remove(id) {
      opened.delete(id);
      if (!isPackId(id)) return;
      await locked(async () => {
        const d = await dir(false);
        if (!d) return;
        const rows = await readPackIndex(d);
        if (rows.some((r) => r.id === id))
          await writePackIndex(
            d,
            rows.filter((r) => r.id !== id),
          );
        await d.removeEntry(packFileName(id)).catch((e: unknown) => {
          if (!isNotFound(e)) throw e;
        });
      });
      opened.delete(id);
      await notify();
    },

    async wipe() {
      for (const ctrl of running) ctrl.abort();
      opened.clear();
      const root = await deps.root();
      if (root) await locked(() => wipePacks(root));
      await notify();
    },
  };
}
