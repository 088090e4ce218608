/** The `organizer` payload: exactly {key: PublicKey}. */
import { describe, expect, it } from 'vitest';
import { parsePayload, parsePayloadValue } from '../../../src/domain/parsePayload';
import { RECORD_KINDS } from '../../../src/domain/records';
import { fakeId, fakeKey, T0 } from '../../fixtures/recordBuilders';

describe('organizer payload', () => {
  it('is a v1 kind and parses exactly {key}', () => {
    expect(RECORD_KINDS).toContain('organizer');
    expect(parsePayload('organizer', JSON.stringify({ key: fakeKey('k') }), T0)).toEqual({
      ok: true,
      value: { key: fakeKey('k') },
    });
  });
  it.each([
    [{}, 'bad-shape'],
    [{ key: fakeKey('k'), point: fakeId('p') }, 'bad-shape'],
    [[fakeKey('k')], 'bad-shape'],
    [null, 'bad-shape'],
    [{ key: null }, 'bad-field'],
    [{ key: 12 }, 'bad-field'],
    [{ key: 'short' }, 'bad-field'],
    [{ key: 'A'.repeat(42) + 'B' }, 'bad-field'],
  ])('refuses %j with %s', (value, code) => {
    expect(parsePayloadValue('organizer', value, T0)).toMatchObject({ ok: false, error: { code } });
  });
});
