/**
 * Map pack files by name: which files the app treats as map packs (a
 * `.pmtiles` file opened with Vada, shared to it or dropped on Settings goes
 * to the pack import, anything else to the bundle import), the name a pack
 * is listed under when its metadata has none, and the name of an exported
 * file. Pure, shared by the page and the service worker.
 */

/** The map pack file extension (PMTiles v3). */
export const PACK_EXTENSION = '.pmtiles';
/** The MIME type PMTiles files travel as. */
export const PACK_MIME = 'application/vnd.pmtiles';

/** True for a file the app reads as a map pack (by its name or type; the header is checked later). */
export function isPackFile(file: { readonly name?: string; readonly type?: string }): boolean {
  return (file.name ?? '').toLowerCase().endsWith(PACK_EXTENSION) || file.type === PACK_MIME;
}

/** A pack's name for the list: its metadata name, else its file name without the extension. */
export function packDisplayName(name: string, fileName: string): string {
  const own = name.trim();
  if (own !== '') return own;
  const base = fileName.trim();
  return base.toLowerCase().endsWith(PACK_EXTENSION) ? base.slice(0, -PACK_EXTENSION.length) : base;
}

/** A file name for an exported pack: the name's letters and digits joined by '-', with the extension. */
export function packFileName(name: string): string {
  const slug = name
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'vada-map'}${PACK_EXTENSION}`;
}
