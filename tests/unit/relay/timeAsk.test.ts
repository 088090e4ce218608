/** The relay's side of time asks (protocol §1.1): what the ingress filter makes of `dam: 'nts'`. */
import { describe, expect, it } from 'vitest';
import { sanitizeMessage } from '../../../relay/sanitizeMessage';

const NOW = Date.UTC(2025, 5, 1, 12);

describe('sanitizeMessage on time asks', () => {
  it('turns an ask into a time request that echoes only a number', () => {
    expect(sanitizeMessage({ '#': 'abc', dam: 'nts', nts: [123] }, NOW)).toEqual({
      out: { kind: 'time', msg: { '#': 'abc' }, echo: 123 },
      refusals: [],
    });
    expect(sanitizeMessage({ '#': 'abc', dam: 'nts', nts: ['<b>x</b>', { a: 1 }] }, NOW)).toEqual({
      out: { kind: 'time', msg: { '#': 'abc' } },
      refusals: [],
    });
  });

  it('drops an answer quietly (relays never ask) and still refuses other DAM kinds', () => {
    expect(sanitizeMessage({ '#': 'abc', '@': 'def', dam: 'nts', nts: [1, 2] }, NOW)).toEqual({ refusals: [] });
    expect(sanitizeMessage({ '#': 'abc', dam: 'mob', peers: {} }, NOW)).toEqual({ refusals: ['dam-forbidden'] });
  });
});
