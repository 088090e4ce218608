/**
 * The pairing functions load the WebRTC module on first use: they hand the
 * call through once it loaded, and a chunk that cannot be fetched becomes a
 * typed 'unsupported' refusal the pairing flow can show, not a raw import error.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPhoneLinkError } from '../../../src/domain/phoneLinkError';

afterEach(() => {
  vi.doUnmock('../../../src/platform/phoneLink');
  vi.resetModules();
});

describe('phoneLinkLazily', () => {
  it('loads the WebRTC module on first use and hands the call through', async () => {
    const offer = { code: 'VADA-L1:X', expiresAt: 1, accept: vi.fn(), cancel: vi.fn() };
    const answerLink = vi.fn(async (code: string) => ({
      code: `answer to ${code}`,
      channel: new Promise(() => {}),
      cancel: vi.fn(),
    }));
    vi.doMock('../../../src/platform/phoneLink', () => ({ offerLink: async () => offer, answerLink }));
    const { phoneLinkLazily } = await import('../../../src/platform/loadPhoneLink');
    await expect(phoneLinkLazily.offerLink()).resolves.toBe(offer);
    await expect(phoneLinkLazily.answerLink('VADA-L1:Y')).resolves.toMatchObject({ code: 'answer to VADA-L1:Y' });
    expect(answerLink).toHaveBeenCalledWith('VADA-L1:Y');
  });

  it('says unsupported when the module cannot be loaded', async () => {
    vi.doMock('../../../src/platform/phoneLink', () => {
      throw new Error('Failed to fetch dynamically imported module');
    });
    const { phoneLinkLazily } = await import('../../../src/platform/loadPhoneLink');
    const error = await phoneLinkLazily.offerLink().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isPhoneLinkError(error) && error.code).toBe('unsupported');
  });
});
