/**
 * Map pack files leaving the phone: through the system share sheet (Web
 * Share with files: Bluetooth, Quick Share, any app, so one phone that has
 * the map gives it to others with no network) where the browser takes the
 * file, else as a download. The same path as bundle files (bundleFile.ts);
 * Chromium's share list has no `.pmtiles`, so most browsers download.
 */
import { downloadFile, shareFile, type FileShareOutcome } from './shareFile';

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
  return canSharePackFile(file) ? shareFile(file) : 'failed';
}

// A large file's download may start late: the URL stays a minute, then goes.
const downloadPackFile = (file: File): FileShareOutcome => downloadFile(file, file.name, 60_000);

/** The pack file port on this browser's own APIs. */
export const browserPackFiles: PackFilePort = {
  canShare: canSharePackFile,
  share: sharePackFile,
  download: downloadPackFile,
};
