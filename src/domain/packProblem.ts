/**
 * Why a map pack (a PMTiles file) was refused, as a code the app words
 * through i18n (`pack.problem.<code>`). A pack is untrusted input from a file,
 * another phone or a relay: every refusal on the way from bytes to tiles
 * (src/tiles), storage (src/platform) and import is one of these codes, so
 * the UI can say something a person can act on and never shows a stack trace.
 */

/**
 * - `not-pmtiles`: not a PMTiles file at all (wrong magic bytes).
 * - `unsupported-version`: a PMTiles version other than 3.
 * - `truncated`: the file ends before a section it declares (cut-off copy, short read).
 * - `bad-header`: a header field is out of range (sections, compression, zooms, bounds).
 * - `not-raster`: vector or other tiles; Vada draws PNG, JPEG and WebP only.
 * - `bad-directory`: a tile directory is malformed or points outside its section.
 * - `bad-metadata`: the JSON metadata is not a JSON object.
 * - `too-large`: a section (metadata, directory, tile) exceeds Vada's bounds, incl. a decompression bomb.
 * - `bad-tile`: a tile is not what the header declares, or a tile handed to the writer is invalid.
 * - `no-space`: the device cannot store the pack.
 * - `cancelled`: the person (or an abort signal) stopped it.
 * - `read-failed`: the file or relay could not be read (I/O error, HTTP error, changed on the server).
 */
export type PackProblemCode =
  | 'not-pmtiles'
  | 'unsupported-version'
  | 'truncated'
  | 'bad-header'
  | 'not-raster'
  | 'bad-directory'
  | 'bad-metadata'
  | 'too-large'
  | 'bad-tile'
  | 'no-space'
  | 'cancelled'
  | 'read-failed';

/** A typed refusal of a map pack; `detail` is for logs and tests, never shown as is. */
export class PackProblem extends Error {
  constructor(
    readonly code: PackProblemCode,
    detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'PackProblem';
  }
}

/** True when `e` is a PackProblem (also across bundles: checks the shape, not only the prototype). */
export function isPackProblem(e: unknown): e is PackProblem {
  return (
    e instanceof PackProblem ||
    (e instanceof Error && e.name === 'PackProblem' && typeof (e as { code?: unknown }).code === 'string')
  );
}
