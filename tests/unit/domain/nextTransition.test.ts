/** nextTransition: when the UI must fold again. */
import { describe, expect, it } from 'vitest';
import { foldPoints, nextTransition } from '../../../src/domain/foldPoints';
import { LIMITS } from '../../../src/domain/limits';
import { disperse, MIN, point, T0 } from '../../fixtures/recordBuilders';

const p = point('p1', { startIn: 10 * MIN, duration: 60 * MIN });
const start = T0 + 10 * MIN;
const end = start + 60 * MIN;

describe('nextTransition', () => {
  it('is undefined when nothing is shown', () => {
    expect(nextTransition([], T0)).toBeUndefined();
    expect(nextTransition(foldPoints([p], end + LIMITS.lingerMs), end + LIMITS.lingerMs)).toBeUndefined();
  });
  it('is the start of an upcoming point, the end of an active one, then its hideAt', () => {
    expect(nextTransition(foldPoints([p], T0), T0)).toBe(start);
    expect(nextTransition(foldPoints([p], start), start)).toBe(end);
    expect(nextTransition(foldPoints([p], end), end)).toBe(end + LIMITS.lingerMs);
  });
  it('is the hideAt of a dispersed point, not its obsolete end', () => {
    // Dispersed a minute before its planned end: the end falls inside the linger window.
    const at = end - MIN;
    expect(nextTransition(foldPoints([p, disperse('d1', 'p1', at)], at), at)).toBe(at + LIMITS.lingerMs);
  });
  it('takes the earliest over all points', () => {
    const q = point('q1', { startIn: 5 * MIN });
    expect(nextTransition(foldPoints([p, q], T0), T0)).toBe(T0 + 5 * MIN);
  });
});
