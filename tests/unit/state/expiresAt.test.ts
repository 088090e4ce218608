/** Expiry is deletion: when each kind of record leaves the device. */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/domain/limits';
import { expiresAt } from '../../../src/state/expiresAt';
import { alert, cancel, MIN, point, T0 } from '../../fixtures/recordBuilders';

describe('expiresAt', () => {
  it('a point goes at its end plus linger', () => {
    const p = point('p', { startIn: 10 * MIN, duration: 60 * MIN });
    expect(expiresAt(p)).toBe(T0 + 70 * MIN + LIMITS.lingerMs);
  });
  it('a caution or all clear goes when it stops counting', () => {
    expect(expiresAt(alert('c', 'p', 'caution', T0))).toBe(T0 + LIMITS.alertTtlMs);
    expect(expiresAt(alert('k', 'p', 'clear', T0))).toBe(T0 + LIMITS.alertTtlMs);
  });
  it('a dispersal or cancel outlives any point it may end', () => {
    expect(expiresAt(alert('d', 'p', 'disperse', T0))).toBe(T0 + LIMITS.retentionMs);
    expect(expiresAt(cancel('x', 'p', T0))).toBe(T0 + LIMITS.retentionMs);
  });
});
