/**
 * Link codes under arbitrary input: every valid description survives
 * encode → decode unchanged, and decoding any text (random characters, random
 * base45 behind the marker, damaged real codes) returns a Result, never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINK } from '../../../src/domain/limits';
import { BASE45_ALPHABET, base45Encode } from '../../../src/protocol/base45';
import { formatIpv4, formatIpv6 } from '../../../src/protocol/ipAddress';
import {
  decodeLinkCode,
  encodeLinkCode,
  LINK_CODE_MARKER,
  type LinkCandidate,
  type LinkDescription,
} from '../../../src/protocol/linkCode';

const NOW = Date.UTC(2026, 4, 1, 12, 0, 0);
const ICE = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/';
const hex = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => Buffer.from(b).toString('hex'));
const iceText = (min: number, max: number) =>
  fc.array(fc.constantFrom(...ICE), { minLength: min, maxLength: max }).map((a) => a.join(''));
const port = fc.integer({ min: 1, max: 65535 });

const candidateArb: fc.Arbitrary<LinkCandidate> = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1, max: 223 }).filter((b) => b !== 127),
      fc.uint8Array({ minLength: 3, maxLength: 3 }),
      port,
    )
    .map(([b0, rest, p]) => ({ kind: 'ipv4' as const, address: formatIpv4(Uint8Array.of(b0, ...rest)), port: p })),
  fc
    .tuple(fc.integer({ min: 0x20, max: 0xfd }), fc.uint8Array({ minLength: 15, maxLength: 15 }), port)
    .map(([b0, rest, p]) => ({ kind: 'ipv6' as const, address: formatIpv6(Uint8Array.of(b0, ...rest)), port: p })),
  fc.tuple(hex(16), port).map(([h, p]) => ({
    kind: 'mdns' as const,
    address: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}.local`,
    port: p,
  })),
);

const descriptionArb: fc.Arbitrary<LinkDescription> = fc.record({
  role: fc.constantFrom('offer' as const, 'answer' as const),
  session: hex(8),
  expiresAt: fc.integer({ min: NOW / 1000, max: (NOW + LINK.codeTtlMs) / 1000 }).map((s) => s * 1000),
  ufrag: iceText(4, LINK.codeUfragChars),
  pwd: iceText(22, LINK.codePwdChars),
  fingerprint: hex(32),
  candidates: fc.array(candidateArb, { minLength: 1, maxLength: LINK.codeCandidates }),
});

describe('link codes (properties)', () => {
  it('every valid description survives encode → decode unchanged, within LINK.codeChars', () => {
    fc.assert(
      fc.property(descriptionArb, (desc) => {
        const code = encodeLinkCode(desc);
        expect(code.length).toBeLessThanOrEqual(LINK.codeChars);
        expect(decodeLinkCode(code, NOW)).toEqual({ ok: true, value: desc });
      }),
      { numRuns: 500 },
    );
  });

  it('decoding never throws: arbitrary text, base45 of random bytes behind the marker, damaged codes', () => {
    const anyText = fc.string({ maxLength: 2 * LINK.codeChars, unit: 'binary' });
    const randomBytes = fc.uint8Array({ maxLength: 240 }).map((b) => LINK_CODE_MARKER + base45Encode(b));
    const base45Chars = fc
      .array(fc.constantFrom(...BASE45_ALPHABET), { maxLength: 340 })
      .map((a) => LINK_CODE_MARKER + a.join(''));
    const damaged = fc.tuple(descriptionArb, fc.nat(), fc.constantFrom(...BASE45_ALPHABET)).map(([d, at, ch]) => {
      const code = encodeLinkCode(d);
      const i = LINK_CODE_MARKER.length + (at % (code.length - LINK_CODE_MARKER.length));
      return code.slice(0, i) + ch + code.slice(i + 1);
    });
    fc.assert(
      fc.property(fc.oneof(anyText, randomBytes, base45Chars, damaged), fc.integer(), (text, now) => {
        const r = decodeLinkCode(text, now);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error.detail.length).toBeGreaterThan(0);
        // Whatever was accepted is a valid description that encodes back to the same code.
        else expect(encodeLinkCode(r.value)).toBe(text.trim());
      }),
      { numRuns: 3000 },
    );
  });
});
