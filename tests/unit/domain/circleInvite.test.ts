/** Circle invites: encode/parse round trip, the link format, and every refusal (field × violation). */
import { describe, expect, it } from 'vitest';
import type { CircleId } from '../../../src/domain/brand';
import {
  encodeInvite,
  inviteFromHash,
  inviteFromText,
  inviteLink,
  parseInvite,
  type CircleInvite,
} from '../../../src/domain/circleInvite';
import { LIMITS } from '../../../src/domain/limits';
import type { RejectionCode } from '../../../src/domain/result';
import { fakeKey } from '../../fixtures/recordBuilders';

const ID = 'AAAAAAAAAAAAAAAAAAAAAA' as CircleId;
const OLD = 'BBBBBBBBBBBBBBBBBBBBBA' as CircleId;
const KEY = 'K'.repeat(42) + 'A';
const invite: CircleInvite = {
  v: 1,
  id: ID,
  key: KEY,
  name: 'Neighbours of Lenin St',
  creator: fakeKey('creator'),
  organizers: [fakeKey('o1'), fakeKey('o2')],
  replaces: OLD,
};

/** Encodes any JSON value the way encodeInvite does, to build hostile invites. */
const encodeRaw = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const code = (text: unknown): RejectionCode | 'ok' => {
  const r = parseInvite(text);
  return r.ok ? 'ok' : r.error.code;
};
const withField = (field: string, value: unknown) => encodeRaw({ ...invite, [field]: value });
const without = (field: keyof CircleInvite) => {
  const copy: Record<string, unknown> = { ...invite };
  delete copy[field];
  return encodeRaw(copy);
};

describe('circle invites', () => {
  it('round-trips, with and without replaces', () => {
    expect(parseInvite(encodeInvite(invite))).toEqual({ ok: true, value: invite });
    const { replaces: _r, ...plain } = invite;
    expect(parseInvite(encodeInvite(plain))).toEqual({ ok: true, value: plain });
    expect(encodeInvite(invite)).toBe(encodeRaw(invite));
  });

  it('round-trips non-ASCII names (UTF-8), and the link carries it in #join=', () => {
    const named = { ...invite, name: 'Круг 🚲 друзей' };
    const link = inviteLink('https://vada.example/', named);
    expect(link.startsWith('https://vada.example/#join=')).toBe(true);
    expect(inviteFromHash(new URL(link).hash)).toEqual({ ok: true, value: named });
    expect(inviteFromText(`  ${link}\n`)).toEqual({ ok: true, value: named });
    expect(inviteFromText(encodeInvite(named))).toEqual({ ok: true, value: named });
  });

  it('refuses a hash that is not an invite', () => {
    expect(inviteFromHash('#map')).toMatchObject({ ok: false, error: { code: 'bad-shape' } });
    expect(inviteFromHash('')).toMatchObject({ ok: false, error: { code: 'bad-shape' } });
  });

  it('refuses text that is not canonical base64url UTF-8 JSON', () => {
    expect(code(42)).toBe('bad-shape');
    expect(code(null)).toBe('bad-shape');
    expect(code('')).toBe('not-json');
    expect(code('abc+/')).toBe('not-json');
    expect(code('A')).toBe('not-json');
    // Spare bits set in the last character: another spelling of the same bytes.
    const good = encodeInvite(invite);
    expect(code(good.slice(0, -1) + 'B')).not.toBe('ok');
    expect(code(Buffer.from('not json').toString('base64url'))).toBe('not-json');
    expect(code(Buffer.from([0xff, 0xfe, 0x7b]).toString('base64url'))).toBe('not-json');
    expect(code('A'.repeat(LIMITS.inviteChars + 4))).toBe('too-large');
  });

  it('refuses anything but an object with exactly the fields', () => {
    for (const v of [[], 'x', 1, null, true]) expect(code(encodeRaw(v))).toBe('bad-shape');
    for (const f of ['v', 'id', 'key', 'name', 'creator', 'organizers'] as const)
      expect(code(without(f)), f).toBe('bad-shape');
    expect(code(withField('extra', 1))).toBe('bad-shape');
    expect(code(without('replaces'))).toBe('ok');
  });

  const cases: [string, unknown, RejectionCode][] = [
    ['v', 2, 'unsupported-version'],
    ['v', '1', 'unsupported-version'],
    ['v', null, 'unsupported-version'],
    ['id', null, 'bad-field'],
    ['id', 5, 'bad-field'],
    ['id', 'A'.repeat(21), 'bad-field'],
    ['id', 'A'.repeat(23), 'bad-field'],
    ['id', 'A'.repeat(21) + 'B', 'bad-field'],
    ['id', 'A'.repeat(21) + '+', 'bad-field'],
    ['key', null, 'bad-field'],
    ['key', 7, 'bad-field'],
    ['key', 'A'.repeat(42), 'bad-field'],
    ['key', 'A'.repeat(44), 'bad-field'],
    ['key', 'A'.repeat(42) + 'B', 'bad-field'],
    ['name', null, 'bad-field'],
    ['name', 3, 'bad-field'],
    ['name', '', 'bad-field'],
    ['name', '   ', 'bad-field'],
    ['name', 'x'.repeat(LIMITS.circleNameChars + 1), 'bad-field'],
    ['name', 'two\nlines', 'bad-field'],
    ['name', 'bidi\u202eoverride', 'bad-field'],
    ['name', 'nul\u0000', 'bad-field'],
    ['creator', null, 'bad-field'],
    ['creator', 'short', 'bad-field'],
    ['creator', 'A'.repeat(42) + 'B', 'bad-field'],
    ['organizers', null, 'bad-field'],
    ['organizers', 'not an array', 'bad-field'],
    ['organizers', [null], 'bad-field'],
    ['organizers', ['short'], 'bad-field'],
    ['organizers', [fakeKey('x'), fakeKey('x')], 'bad-field'],
    ['organizers', [invite.creator], 'bad-field'],
    ['organizers', Array.from({ length: LIMITS.circleOrganizersMax + 1 }, (_, i) => fakeKey(`k${i}`)), 'bad-field'],
    ['replaces', null, 'bad-field'],
    ['replaces', 'short', 'bad-field'],
    ['replaces', ID, 'bad-field'],
  ];
  it.each(cases)('refuses %s = %j with %s', (field, value, expected) => {
    expect(code(withField(field, value))).toBe(expected);
    // A bad field says which one, so the app can tell a bad name from a damaged key.
    if (expected === 'bad-field') expect(parseInvite(withField(field, value))).toMatchObject({ error: { field } });
  });

  it('accepts the limits exactly', () => {
    const max = {
      ...invite,
      name: 'x'.repeat(LIMITS.circleNameChars),
      organizers: Array.from({ length: LIMITS.circleOrganizersMax }, (_, i) => fakeKey(`k${i}`)),
    };
    expect(parseInvite(encodeInvite(max))).toEqual({ ok: true, value: max });
    expect(encodeInvite(max).length).toBeLessThanOrEqual(LIMITS.inviteChars);
  });

  it('trims and normalizes the name as peer text', () => {
    const r = parseInvite(withField('name', '  Cafe\u0301 '));
    expect(r).toMatchObject({ ok: true, value: { name: 'Café' } });
  });

  it('never throws on generated garbage', () => {
    const chars = 'AZaz09-_+/=#{}"\\ \u00e9';
    for (let i = 0; i < 2000; i++) {
      let s = '';
      const n = (i * 7919) % 60;
      for (let j = 0; j < n; j++) s += chars.charAt((i * 31 + j * 17) % chars.length);
      const r = parseInvite(s);
      if (!r.ok) expect(typeof r.error.code).toBe('string');
    }
  });
});
