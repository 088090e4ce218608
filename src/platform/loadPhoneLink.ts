/**
 * The pairing functions for the store, loading src/platform/phoneLink.ts
 * (WebRTC and the link-code reader) only when a phone is linked, so the
 * first load does not carry them; the service worker precaches the chunk, so
 * linking works offline. A chunk that cannot be fetched is reported as
 * 'unsupported': this phone cannot link right now; the next try fetches it
 * again (src/domain/retryingImport.ts).
 */
import { PhoneLinkError } from '../domain/phoneLinkError';
import { retryingImport } from '../domain/retryingImport';
import type { PendingAnswer, PendingOffer } from './phoneLink';

// After a failure (offline, no worker) the next pairing fetches it again under a fresh URL.
const importPhoneLink = retryingImport(() => import('./phoneLink'));

const load = async (): Promise<typeof import('./phoneLink')> => {
  try {
    return await importPhoneLink();
  } catch (e) {
    throw new PhoneLinkError('unsupported', { cause: e });
  }
};

/** offerLink and answerLink, each loading the WebRTC module on first use. */
export const phoneLinkLazily = {
  offerLink: async (): Promise<PendingOffer> => (await load()).offerLink(),
  answerLink: async (offerCode: string): Promise<PendingAnswer> => (await load()).answerLink(offerCode),
};
