/**
 * The URL name of each `--tiles-pack` file: `/packs/<slug>.pmtiles`, from the
 * file's name (lower case letters, digits and dashes only, so the URL needs no
 * escaping and tells nothing about the operator's folders), made unique with
 * `-2`, `-3`… when two files share a name. Pure.
 */
import { basename } from 'node:path';

const MAX_SLUG = 60;

/** The slug of one file name, before making it unique. */
export function packSlug(file: string): string {
  const stem = basename(file).replace(/\.pmtiles$/i, '');
  const slug = stem
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // accents split off by NFKD: "Ü" → "U"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return slug === '' ? 'pack' : slug;
}

/** One slug per file, in order, all different. */
export function uniqueSlugs(files: readonly string[]): string[] {
  const taken = new Set<string>();
  return files.map((f) => {
    const base = packSlug(f);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    return slug;
  });
}
