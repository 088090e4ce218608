/** Human-readable byte sizes for the offline-map and storage screens (KB/MB/GB, decimal). */

/** "850 KB", "12.3 MB", "1.2 GB". */
export function formatBytes(n: number): string {
  if (n < 1e6) return `${Math.max(0, Math.round(n / 1e3))} KB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`;
  return `${(n / 1e9).toFixed(1)} GB`;
}
