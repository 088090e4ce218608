/**
 * recordIdOf for code in the first load that needs a record id only now and
 * then (deleting a left circle's stored rows): the same function, loaded on
 * its first call, so SHA-256 (@noble/hashes) is not first-load weight
 * (docs/decisions/code-splitting.md). A chunk that cannot load rejects.
 */
import type { RecordId } from '../domain/brand';
import { retryingImport } from '../domain/retryingImport';
import type { Envelope } from './envelope';

const load = retryingImport(() => import('./recordId'));

/** recordIdOf(e), once its module is here. */
export async function recordIdOnDemand(e: Envelope): Promise<RecordId> {
  return (await load()).recordIdOf(e);
}
