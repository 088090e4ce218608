/** Page visibility through a fake document. */
import { describe, expect, it } from 'vitest';
import { browserVisibility } from '../../../src/platform/visibility';
import { fakeVisibilityDocument } from '../../fixtures/fakeVisibilityDocument';

const fakeDoc = fakeVisibilityDocument;

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
