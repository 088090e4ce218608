/**
 * Bundles as files: sent through the system share sheet (Web Share with
 * files), so Android's Bluetooth and Quick Share carry them with no network,
 * or saved as a download where sharing files is not available; and read back
 * from a picked, dropped or launched file with the size checked first.
 *
 * Chromium shares files only of types on its allow-list, which has no
 * `.vada`: the same text then travels as `….vada.txt` (text/plain). The
 * content is the bundle's text form either way, so any name reads back.
 */
import { LIMITS } from '../domain/limits';
import { downloadFile, shareFile, type FileShareOutcome } from './shareFile';

export type { FileShareOutcome } from './shareFile';

const TEXT_TYPE = 'text/plain';

function shareableFile(text: string, base: string): File | undefined {
  if (typeof navigator === 'undefined' || typeof navigator.canShare !== 'function') return undefined;
  for (const file of [
    new File([text], `${base}.vada`, { type: 'application/x-vada' }),
    new File([text], `${base}.vada.txt`, { type: TEXT_TYPE }),
  ])
    if (navigator.canShare({ files: [file] })) return file;
  return undefined;
}

/** True when this browser can hand a bundle file to the system share sheet. */
export function canShareBundleFile(): boolean {
  return shareableFile('vada', 'vada') !== undefined;
}

/** Opens the system share sheet with the bundle as a file. */
export async function shareBundleFile(text: string, base: string): Promise<FileShareOutcome> {
  const file = shareableFile(text, base);
  if (!file) return 'failed';
  return shareFile(file);
}

/** Saves the bundle as `<base>.vada` through a download link. */
export function downloadBundleFile(text: string, base: string): FileShareOutcome {
  // The click has started the download; the URL is not needed after this task.
  return downloadFile(new Blob([text], { type: 'application/x-vada' }), `${base}.vada`);
}

export type FileReadResult =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: 'too-large' | 'unreadable' };

/** Reads a picked, dropped or launched file as text, refusing one larger than a bundle can be. */
export async function readBundleFile(file: Blob): Promise<FileReadResult> {
  if (file.size > LIMITS.bundleTextChars) return { ok: false, reason: 'too-large' };
  try {
    return { ok: true, text: await file.text() };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}
