/**
 * The pack store of a store built without one (tests, a browser without the
 * Origin Private File System): no packs, and every import refused as
 * unreadable, so the UI says so instead of waiting.
 */
import { PackProblem } from '../domain/packProblem';
import type { PackStore } from '../platform/packStore';

const refused = () => ({ done: Promise.reject(new PackProblem('read-failed', 'no pack store')), cancel() {} });

/** A PackStore that holds nothing. */
export const NO_PACK_STORE: PackStore = {
  list: () => Promise.resolve([]),
  importFile: refused,
  importUrl: refused,
  open: () => Promise.resolve(undefined),
  file: () => Promise.resolve(undefined),
  remove: () => Promise.resolve(),
  wipe: () => Promise.resolve(),
};
