/**
 * Map pack files leaving the phone: through the system share sheet (Web
 * Share with files: Bluetooth, Quick Share, any app, so one phone that has
 * the map gives it to others with no network) where the browser takes the
 * file, else as a download. The same path as bundle files (bundleFile.ts);
 * Chromium's share list has no `.pmtiles`, so most browsers download.
 */
import type { FileShareOutcome } from './bundleFile';

/** Sharing or saving a pack file (an imported pack as is, or a saved area written as a pack). */
export interface PackFilePort {
  /** True when the system share sheet takes this file here. */
  canShare(file: File): boolean;
  /** Opens the system share sheet with the file. */
  share(file: File): Promise<FileShareOutcome>;
  /** Saves the file through a download link, under its own name. */
  download(file: File): FileShareOutcome;
}

function canSharePackFile(file: File): boolean {
  try {
    return (
      typeof navigator !== 'undefined' &&
      typeof navigator.canShare === 'function' &&
      navigator.canShare({ files: [file] })
    );
  } catch {
    return false;
  }
}

async function sharePackFile(file: File): Promise<FileShareOutcome> {
  if (!canSharePackFile(file)) return 'failed';
  try {
    await navigator.share({ files: [file] });
    return 'shared';
  } catch (e) {
    return e instanceof DOMException && e.name === 'AbortError' ? 'cancelled' : 'failed';
  }
}

function downloadPackFile(file: File): FileShareOutcome {
  const url = URL.createObjectURL(file);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = file.name;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
    return 'downloaded';
  } finally {
    // A large file's download may start late: the URL stays a minute, then goes.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** The pack file port on this browser's own APIs. */
export const browserPackFiles: PackFilePort = {
  canShare: canSharePackFile,
  share: sharePackFile,
  download: downloadPackFile,
};
