/** Page visibility through a fake document. */
import { describe, expect, it } from 'vitest';
import { browserVisibility } from '../../../src/platform/visibility';
import type { VisibilityDocument } from '../../../src/platform/wakeLock';

function fakeDoc(state = 'visible') {
  const listeners = new Set<() => void>();
  const doc = {
    visibilityState: state,
    addEventListener: (_t: 'visibilitychange', l: () => void) => void listeners.add(l),
    removeEventListener: (_t: 'visibilitychange', l: () => void) => void listeners.delete(l),
  } satisfies VisibilityDocument;
  const set = (s: string) => {
    doc.visibilityState = s;
    listeners.forEach((l) => l());
  };
  return { doc, set, listeners };
}

describe('browserVisibility', () => {
  it('reads document.visibilityState and reports changes until unsubscribed', () => {
    const d = fakeDoc('visible');
    const v = browserVisibility(d.doc);
    expect(v.hidden()).toBe(false);
    const seen: boolean[] = [];
    const off = v.onChange((h) => seen.push(h));
    d.set('hidden');
    expect(v.hidden()).toBe(true);
    d.set('visible');
    off();
    d.set('hidden');
    expect(seen).toEqual([true, false]);
    expect(d.listeners.size).toBe(0);
  });

  it('is always visible without a document', () => {
    const v = browserVisibility(undefined);
    expect(v.hidden()).toBe(false);
    expect(() => v.onChange(() => undefined)()).not.toThrow();
  });
});
