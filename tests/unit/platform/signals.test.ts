/** Vibration and the generated tone, through fakes: patterns passed on, blocked/missing APIs answer false. */
import { describe, expect, it, vi } from 'vitest';
import { browserSignals, TONES, type AudioContextLike } from '../../../src/platform/signals';

function fakeAudio(opts: { startState?: string; resumeTo?: string; resumeFails?: boolean } = {}) {
  const started: { hz: number; at: number; stop: number }[] = [];
  const ctx = {
    state: opts.startState ?? 'suspended',
    currentTime: 10,
    destination: {},
    resume: vi.fn(async () => {
      if (opts.resumeFails) throw new Error('NotAllowedError');
      ctx.state = opts.resumeTo ?? 'running';
    }),
    createOscillator() {
      const osc = {
        type: '',
        frequency: { value: 0 },
        at: 0,
        connect: () => undefined,
        start: (when: number) => void (osc.at = when),
        stop: (when: number) => void started.push({ hz: osc.frequency.value, at: osc.at, stop: when }),
      };
      return osc;
    },
    createGain: () => ({
      gain: { setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined },
      connect: () => undefined,
    }),
  } satisfies AudioContextLike;
  return { ctx, started };
}

describe('browserSignals', () => {
  it('vibrates with the given pattern', () => {
    const vibrate = vi.fn(() => true);
    const s = browserSignals({ vibrate, makeAudio: () => undefined });
    expect(s.canVibrate).toBe(true);
    expect(s.vibrate([400, 150, 800])).toBe(true);
    expect(vibrate).toHaveBeenCalledWith([400, 150, 800]);
  });

  it('answers false when vibration is missing, refused or throws', () => {
    expect(browserSignals({ vibrate: undefined, makeAudio: () => undefined }).canVibrate).toBe(false);
    expect(browserSignals({ vibrate: undefined, makeAudio: () => undefined }).vibrate([200])).toBe(false);
    expect(browserSignals({ vibrate: () => false, makeAudio: () => undefined }).vibrate([200])).toBe(false);
    const throwing = () => {
      throw new TypeError('blocked');
    };
    expect(browserSignals({ vibrate: throwing, makeAudio: () => undefined }).vibrate([200])).toBe(false);
  });

  it('plays three short high tones for urgent and one for normal, resuming a suspended context once', async () => {
    const { ctx, started } = fakeAudio();
    const make = vi.fn(() => ctx);
    const s = browserSignals({ vibrate: undefined, makeAudio: make });
    expect(await s.beep('urgent')).toBe(true);
    expect(started).toHaveLength(3);
    expect(started.every((t) => t.hz > 1000 && t.stop - t.at <= 0.15 && t.at >= 10)).toBe(true);
    expect(await s.beep('normal')).toBe(true);
    expect(started).toHaveLength(4);
    expect(started[3]!.hz).toBeLessThan(started[0]!.hz);
    expect(make).toHaveBeenCalledTimes(1);
    expect(ctx.resume).toHaveBeenCalledTimes(1);
    expect(TONES.urgent).toHaveLength(3);
  });

  it('answers false when audio is missing, blocked by autoplay policy, or throws', async () => {
    expect(await browserSignals({ vibrate: undefined, makeAudio: () => undefined }).beep('normal')).toBe(false);
    const stuck = fakeAudio({ resumeTo: 'suspended' });
    expect(await browserSignals({ vibrate: undefined, makeAudio: () => stuck.ctx }).beep('urgent')).toBe(false);
    expect(stuck.started).toHaveLength(0);
    const refused = fakeAudio({ resumeFails: true });
    expect(await browserSignals({ vibrate: undefined, makeAudio: () => refused.ctx }).beep('urgent')).toBe(false);
    const broken = () => {
      throw new Error('no audio');
    };
    expect(await browserSignals({ vibrate: undefined, makeAudio: broken }).beep('normal')).toBe(false);
  });

  it('tries again after a blocked attempt (a later user gesture unblocks audio)', async () => {
    const { ctx, started } = fakeAudio({ resumeTo: 'suspended' });
    const s = browserSignals({ vibrate: undefined, makeAudio: () => ctx });
    expect(await s.beep('normal')).toBe(false);
    ctx.resume.mockImplementation(async () => void (ctx.state = 'running'));
    expect(await s.beep('normal')).toBe(true);
    expect(started).toHaveLength(1);
  });
});
