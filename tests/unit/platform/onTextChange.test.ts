/**
 * Report once per change: a code held in view is reported once, a code seen
 * again after another one is reported again (multi-part hand-overs cycle), and
 * frames with nothing decoded are not a change.
 */
import { describe, expect, it } from 'vitest';
import { onTextChange } from '../../../src/platform/onTextChange';

function feed(frames: ReadonlyArray<string | undefined>): string[] {
  const reported: string[] = [];
  const seen = onTextChange((t) => reported.push(t));
  frames.forEach(seen);
  return reported;
}

describe('onTextChange', () => {
  it('reports a code seen in 20 frames in a row once', () => {
    expect(feed(Array.from({ length: 20 }, () => 'part 1 of 3'))).toEqual(['part 1 of 3']);
  });

  it('reports a code again when it comes back after others (a cycling sequence)', () => {
    const cycle = ['A', 'A', 'B', 'B', 'B', 'C', 'A', 'A', 'B'];
    expect(feed(cycle)).toEqual(['A', 'B', 'C', 'A', 'B']);
  });

  it('ignores frames where nothing was decoded', () => {
    expect(feed([undefined, 'A', undefined, undefined, 'A', 'B', undefined, 'B', 'A'])).toEqual(['A', 'B', 'A']);
    expect(feed([undefined, undefined])).toEqual([]);
  });

  it('reports texts exactly as decoded, markup and all', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    expect(feed([hostile, hostile, 'x'])).toEqual([hostile, 'x']);
  });
});
