/**
 * The pairing functions for the store, loading src/platform/phoneLink.ts
 * (WebRTC and the link-code reader) only when a phone is linked, so the
 * first load does not carry them; the service worker precaches the chunk, so
 * linking works offline. A chunk that cannot be fetched is reported as
 * 'unsupported': this phone cannot link right now.
 */
import { PhoneLinkError } from '../domain/phoneLinkError';
import type { PendingAnswer, PendingOffer } from './phoneLink';

const load = async (): Promise<typeof import('./phoneLink')> => {
  try {
    return await import('./phoneLink');
  } catch (e) {
    throw new PhoneLinkError('unsupported', { cause: e });
  }
};

/** offerLink and answerLink, each loading the WebRTC module on first use. */
export const phoneLinkLazily = {
  offerLink: async (): Promise<PendingOffer> => (await load()).offerLink(),
  answerLink: async (offerCode: string): Promise<PendingAnswer> => (await load()).answerLink(offerCode),
};
