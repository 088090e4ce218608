/**
 * Serves the built PWA from one folder: correct MIME types, no way out of the
 * folder (`..`, encoded or not, absolute paths, NUL, symlinks pointing out),
 * no dotfiles, and index.html for unknown extension-less paths (client-side
 * routes). Hashed assets are cached for a year, everything else revalidated.
 *
 * Text-like files of 1 KiB or more go out as brotli or gzip when the client
 * accepts them (a phone on a choked cell network pays for every byte of the
 * first load), each compressed once per file version and kept in memory
 * (representationCache.ts), with a strong ETag per representation so a
 * revalidation costs a 304 and no body. Only fs.promises calls per request:
 * a slow disk never stalls the relay's WebSocket traffic.
 */
import { createReadStream } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, relative, resolve, sep } from 'node:path';
import { negotiateEncoding, type Encoding } from './acceptEncoding';
import { RepresentationCache } from './representationCache';
import { noneMatch } from './noneMatch';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** MIME type for a file name; unknown types are served as opaque bytes. */
export function mimeType(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The file inside `root` that a URL path names, or undefined when the path tries to leave it. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\')) return undefined;
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return undefined;
  const file = resolve(root, ...segments);
  return file === root || file.startsWith(root + sep) ? file : undefined;
}

/** File types worth compressing (text, JSON, SVG, WebAssembly); images and fonts are compressed already. */
export const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.webmanifest',
  '.svg',
  '.txt',
  '.map',
  '.wasm',
]);
/** Below this a compressed body saves less than a packet and costs a Vary lookup. */
export const MIN_COMPRESS_BYTES = 1024;
/** Bigger files are streamed from disk as they are, without an ETag, rather than held in memory. */
export const MAX_CACHED_FILE_BYTES = 8 * 1024 * 1024;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The built app's file server. */
export interface StaticFiles {
  /** Answers a GET/HEAD for a static file; resolves false when nothing was found (caller sends 404). */
  serve(urlPath: string, req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /**
   * Reads and compresses every compressible file of the folder, one after
   * another, so the first phones need not wait for brotli. Resolves with
   * the number of files made ready; requests are served meanwhile.
   */
  warm(): Promise<number>;
}

interface Found {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
}

function etagFor(hash: string, encoding: Encoding): string {
  return encoding === 'identity' ? `"${hash}"` : `"${hash}-${encoding === 'br' ? 'br' : 'gz'}"`;
}

/** A file server for the folder `root`, with its own cache of compressed bodies. */
export function createStaticFiles(root: string, cache = new RepresentationCache()): StaticFiles {
  const absRoot = resolve(root);
  const assets = resolve(absRoot, 'assets') + sep;

  async function fileInside(realRoot: string, file: string): Promise<Found | undefined> {
    try {
      const info = await stat(file);
      if (!info.isFile()) return undefined;
      const real = await realpath(file);
      return real.startsWith(realRoot + sep) ? { file, size: info.size, mtimeMs: info.mtimeMs } : undefined;
    } catch {
      return undefined;
    }
  }

  async function locate(urlPath: string): Promise<Found | undefined> {
    let realRoot: string;
    try {
      realRoot = await realpath(absRoot);
    } catch {
      return undefined;
    }
    let file = resolveInside(absRoot, urlPath);
    if (file === undefined) return undefined;
    if (file === absRoot || urlPath.endsWith('/')) file = resolve(file, 'index.html');
    const found = await fileInside(realRoot, file);
    if (found) return found;
    // Client-side routes have no extension: give them the app shell.
    if (extname(urlPath) !== '') return undefined;
    return fileInside(realRoot, resolve(absRoot, 'index.html'));
  }

  function compressible(f: Found): boolean {
    return (
      COMPRESSIBLE.has(extname(f.file).toLowerCase()) && f.size >= MIN_COMPRESS_BYTES && f.size <= MAX_CACHED_FILE_BYTES
    );
  }

  async function serve(urlPath: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const found = await locate(urlPath);
    if (!found) return false;
    const { file, size, mtimeMs } = found;
    const head = req.method === 'HEAD';
    const headers: Record<string, string> = {
      'Content-Type': mimeType(file),
      'Cache-Control': file.startsWith(assets) ? IMMUTABLE : 'no-cache',
    };
    if (COMPRESSIBLE.has(extname(file).toLowerCase())) headers.Vary = 'Accept-Encoding';
    if (size > MAX_CACHED_FILE_BYTES) {
      res.writeHead(200, { ...headers, 'Content-Length': String(size) });
      if (head) res.end();
      else
        createReadStream(file)
          .on('error', () => res.destroy())
          .pipe(res);
      return true;
    }
    let version;
    try {
      version = await cache.version(file, size, mtimeMs);
    } catch {
      return false; // gone between the check and the read
    }
    const accept = req.headers['accept-encoding'];
    const inm = req.headers['if-none-match'];
    let encoding = compressible(found) ? negotiateEncoding(accept) : 'identity';
    const notModified = (e: Encoding) => inm !== undefined && noneMatch(inm, etagFor(version.hash, e));
    // Brotli at quality 11 takes about a second for the main chunk: until it is made, a
    // client that also takes gzip gets gzip (tens of ms) and brotli is made meanwhile.
    if (!notModified(encoding) && encoding === 'br' && !cache.ready(file, size, mtimeMs, 'br')) {
      const fallback = negotiateEncoding(accept, ['gzip', 'identity']);
      if (fallback === 'gzip') {
        void cache.encoded(file, size, mtimeMs, 'br').catch(() => undefined);
        encoding = fallback;
      }
    }
    if (notModified(encoding)) {
      res.writeHead(304, { ...headers, ETag: etagFor(version.hash, encoding) }).end();
      return true;
    }
    let body = version.identity;
    if (encoding !== 'identity') {
      try {
        body = await cache.encoded(file, size, mtimeMs, encoding);
      } catch {
        encoding = 'identity';
      }
    }
    res.writeHead(200, {
      ...headers,
      ETag: etagFor(version.hash, encoding),
      'Content-Length': String(body.length),
      ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
    });
    res.end(head ? undefined : body);
    return true;
  }

  async function warm(): Promise<number> {
    let made = 0;
    const names = await readdir(absRoot, { recursive: true });
    for (const name of names) {
      const urlPath = '/' + name.split(sep).join('/');
      const found = await locate(urlPath);
      // locate falls back to the shell for extension-less paths: only warm the file named.
      if (!found || relative(absRoot, found.file) !== name || !compressible(found)) continue;
      try {
        await cache.encoded(found.file, found.size, found.mtimeMs, 'gzip');
        await cache.encoded(found.file, found.size, found.mtimeMs, 'br');
        made++;
      } catch {
        // Unreadable now: a request will try again.
      }
    }
    return made;
  }

  return { serve, warm };
}
