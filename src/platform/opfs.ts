/**
 * The part of the Origin Private File System (OPFS) Vada uses, as small
 * interfaces: the page's pack store and the service worker read and write
 * map packs through them, and unit tests hand in an in-memory fake (Node and
 * jsdom have no OPFS). OPFS because a pack is one large file read by ranges:
 * see docs/decisions/map-packs.md, Storage.
 */

/** A writable file stream (FileSystemWritableFileStream): a WritableStream that commits on close, discards on abort. */
export interface OpfsWritable extends WritableStream {
  write(data: string): Promise<void>;
}

/** A file in the OPFS. */
export interface OpfsFileHandle {
  /** A snapshot of the file; read it by slices (Blob.slice), never whole. */
  getFile(): Promise<File>;
  /** Replaces the file's content (keepExistingData false) once the stream is closed. */
  createWritable(options?: { keepExistingData?: boolean }): Promise<OpfsWritable>;
}

/** A directory in the OPFS. A missing entry rejects with a DOMException named NotFoundError. */
export interface OpfsDirectory {
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<OpfsDirectory>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<OpfsFileHandle>;
  removeEntry(name: string, options?: { recursive?: boolean }): Promise<void>;
}

/** True for the DOMException a missing file or directory rejects with. */
export function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'NotFoundError';
}

/** This origin's OPFS root (page or worker), or undefined where the browser has none. */
export async function opfsRoot(): Promise<OpfsDirectory | undefined> {
  try {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (typeof storage?.getDirectory !== 'function') return undefined;
    return await storage.getDirectory();
  } catch {
    // Private windows of some browsers refuse the OPFS (SecurityError).
    return undefined;
  }
}
