// @vitest-environment jsdom
import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createSubmission } from '../../../../src/ui/common/createSubmission';

describe('createSubmission', () => {
  it('shows a thrown error, clears it on the next attempt, and is busy only while running', async () => {
    await createRoot(async (dispose) => {
      const s = createSubmission();
      await s.run(async () => {
        throw new Error('relay said no');
      });
      expect(s.failure()).toContain('relay said no');
      expect(s.busy()).toBe(false);
      let release!: () => void;
      const running = s.run(() => new Promise<void>((r) => (release = r)));
      expect(s.busy()).toBe(true);
      expect(s.failure()).toBeUndefined();
      release();
      await running;
      expect(s.busy()).toBe(false);
      dispose();
    });
  });

  it('ignores a second attempt while one is running', async () => {
    await createRoot(async (dispose) => {
      const s = createSubmission();
      let calls = 0;
      let release!: () => void;
      const first = s.run(() => {
        calls++;
        return new Promise<void>((r) => (release = r));
      });
      await s.run(async () => {
        calls++;
      });
      release();
      await first;
      expect(calls).toBe(1);
      dispose();
    });
  });
});
