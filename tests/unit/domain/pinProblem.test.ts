/** The app PIN's form rules, checked before any key is derived. */
import { describe, expect, it } from 'vitest';
import { pinProblem } from '../../../src/domain/pinProblem';

describe('pinProblem', () => {
  it('checks the PIN choice: 4–12 digits, typed twice, a different duress PIN', () => {
    expect(pinProblem('123', '123', '')).toBe('format');
    expect(pinProblem('1234567890123', '1234567890123', '')).toBe('format');
    expect(pinProblem('12a4', '12a4', '')).toBe('format');
    expect(pinProblem('1234', '1235', '')).toBe('mismatch');
    expect(pinProblem('1234', '1234', '12')).toBe('duress-format');
    expect(pinProblem('1234', '1234', '1234')).toBe('duress-same');
    expect(pinProblem('1234', '1234', '')).toBeUndefined();
    expect(pinProblem('123456789012', '123456789012', '9999')).toBeUndefined();
  });
});
