/**
 * A file leaving the phone, the two ways browsers offer: the system share
 * sheet (Web Share with files: Bluetooth, Quick Share, any app — no network
 * needed) and a download link. Shared by bundle files (bundleFile.ts) and map
 * pack files (packFile.ts).
 */

/** What became of a file the user sent on. */
export type FileShareOutcome = 'shared' | 'downloaded' | 'cancelled' | 'failed';

/** Opens the system share sheet with `file`; the user closing it is 'cancelled'. */
export async function shareFile(file: File): Promise<FileShareOutcome> {
  try {
    await navigator.share({ files: [file] });
    return 'shared';
  } catch (e) {
    return e instanceof DOMException && e.name === 'AbortError' ? 'cancelled' : 'failed';
  }
}

/**
 * Saves `blob` as `name` through a download link. The object URL is revoked
 * after `keepUrlMs`: at once for a small file, later for a large one whose
 * download may start late.
 */
export function downloadFile(blob: Blob, name: string, keepUrlMs = 0): FileShareOutcome {
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
    return 'downloaded';
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), keepUrlMs);
  }
}
