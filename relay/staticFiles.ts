/**
 * Serves the built PWA from one folder: correct MIME types, no way out of the
 * folder (`..`, encoded or not, absolute paths, NUL, symlinks pointing out),
 * no dotfiles, and index.html for unknown extension-less paths (client-side
 * routes). Hashed assets are cached for a year, everything else revalidated.
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

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

function isFileInside(realRoot: string, file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    const real = realpathSync(file);
    return real.startsWith(realRoot + sep);
  } catch {
    return false;
  }
}

/** Answers a GET/HEAD for a static file; returns false when nothing was found (caller sends 404). */
export function serveStatic(root: string, urlPath: string, req: IncomingMessage, res: ServerResponse): boolean {
  const absRoot = resolve(root);
  let realRoot: string;
  try {
    realRoot = realpathSync(absRoot);
  } catch {
    return false;
  }
  let file = resolveInside(absRoot, urlPath);
  if (file === undefined) return false;
  if (file === absRoot || urlPath.endsWith('/')) file = resolve(file, 'index.html');
  if (!isFileInside(realRoot, file)) {
    // Client-side routes have no extension: give them the app shell.
    if (extname(urlPath) !== '') return false;
    file = resolve(absRoot, 'index.html');
    if (!isFileInside(realRoot, file)) return false;
  }
  const size = statSync(file).size;
  const immutable = file.startsWith(resolve(absRoot, 'assets') + sep);
  res.writeHead(200, {
    'Content-Type': mimeType(file),
    'Content-Length': String(size),
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}
