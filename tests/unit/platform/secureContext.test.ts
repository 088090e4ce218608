/** Secure-context detection: http on a LAN address is not one; https without WebCrypto is a browser too old. */
import { describe, expect, it } from 'vitest';
import { secureContextProblem } from '../../../src/platform/secureContext';

const subtle = {};

describe('secureContextProblem', () => {
  it('is fine on a secure page with WebCrypto', () => {
    expect(
      secureContextProblem({ isSecureContext: true, crypto: { subtle }, location: { protocol: 'https:' } }),
    ).toBeUndefined();
    // http://localhost is a secure context too.
    expect(
      secureContextProblem({ isSecureContext: true, crypto: { subtle }, location: { protocol: 'http:' } }),
    ).toBeUndefined();
  });

  it('says "insecure" for a page that is not a secure context, whatever crypto looks like', () => {
    expect(secureContextProblem({ isSecureContext: false, crypto: {}, location: { protocol: 'http:' } })).toBe(
      'insecure',
    );
    expect(secureContextProblem({ isSecureContext: false, crypto: { subtle }, location: { protocol: 'http:' } })).toBe(
      'insecure',
    );
  });

  it('without isSecureContext, judges by WebCrypto and the scheme', () => {
    expect(secureContextProblem({ crypto: {}, location: { protocol: 'http:' } })).toBe('insecure');
    expect(secureContextProblem({ location: { protocol: 'http:' } })).toBe('insecure');
    expect(secureContextProblem({ crypto: {}, location: { protocol: 'https:' } })).toBe('no-crypto');
    expect(secureContextProblem({ crypto: { subtle }, location: { protocol: 'http:' } })).toBeUndefined();
  });
});
