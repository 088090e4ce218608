/** The typed refusal of a map pack: its code, and recognising it. */
import { describe, expect, it } from 'vitest';
import { isPackProblem, PackProblem } from '../../../src/domain/packProblem';

describe('PackProblem', () => {
  it('carries its code and is recognised', () => {
    const p = new PackProblem('truncated', 'at 10');
    expect([p.code, p.message, p.name]).toEqual(['truncated', 'truncated: at 10', 'PackProblem']);
    expect(isPackProblem(p)).toBe(true);
    expect(isPackProblem(new Error('truncated'))).toBe(false);
    expect(isPackProblem({ code: 'truncated' })).toBe(false);
  });
});
