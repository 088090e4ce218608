/**
 * Vibration and an alert tone. The tone is generated with WebAudio (no audio
 * file to cache or fetch); the AudioContext is created on first use and
 * resumed, because browsers start it suspended until a user gesture. A blocked
 * or missing API answers false instead of throwing.
 */
import type { SignalPort } from './alertPorts';

/** The parts of WebAudio this module uses (a fake in tests). */
export interface AudioContextLike {
  readonly state: string;
  readonly currentTime: number;
  readonly destination: unknown;
  resume(): Promise<void>;
  createOscillator(): {
    type: string;
    frequency: { value: number };
    connect(node: unknown): unknown;
    start(when: number): void;
    stop(when: number): void;
  };
  createGain(): {
    gain: {
      setValueAtTime(value: number, when: number): unknown;
      linearRampToValueAtTime(value: number, when: number): unknown;
    };
    connect(node: unknown): unknown;
  };
}

export interface SignalDeps {
  readonly vibrate: ((pattern: number[]) => boolean) | undefined;
  /** Makes an AudioContext, or undefined where there is none. */
  makeAudio(): AudioContextLike | undefined;
}

function browserDeps(): SignalDeps {
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  return {
    vibrate: nav && typeof nav.vibrate === 'function' ? (p) => nav.vibrate(p) : undefined,
    makeAudio: () => (typeof AudioContext === 'function' ? new AudioContext() : undefined),
  };
}

/** Tones as [frequency Hz, start s, length s]: urgent = three short high beeps, normal = one. */
export const TONES: Readonly<Record<'urgent' | 'normal', readonly (readonly [number, number, number])[]>> = {
  urgent: [
    [1760, 0, 0.12],
    [1760, 0.2, 0.12],
    [1760, 0.4, 0.12],
  ],
  normal: [[880, 0, 0.25]],
};
const VOLUME = 0.4;
const RAMP_S = 0.01;

export function browserSignals(deps: SignalDeps = browserDeps()): SignalPort {
  let audio: AudioContextLike | undefined;
  let audioFailed = false;

  async function running(): Promise<AudioContextLike | undefined> {
    if (audioFailed) return undefined;
    try {
      audio ??= deps.makeAudio();
      if (!audio) {
        audioFailed = true;
        return undefined;
      }
      if (audio.state !== 'running') await audio.resume();
      // Still suspended: autoplay policy wants a user gesture first; try again next time.
      return audio.state === 'running' ? audio : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    canVibrate: deps.vibrate !== undefined,
    vibrate(pattern) {
      if (!deps.vibrate) return false;
      try {
        return deps.vibrate([...pattern]) === true;
      } catch {
        return false;
      }
    },
    async beep(kind) {
      const ctx = await running();
      if (!ctx) return false;
      try {
        const t0 = ctx.currentTime;
        for (const [hz, at, length] of TONES[kind]) {
          const osc = ctx.createOscillator();
          const gain = ctx.createGain();
          osc.type = 'square';
          osc.frequency.value = hz;
          // Short ramps in and out: an abrupt start or stop clicks.
          gain.gain.setValueAtTime(0, t0 + at);
          gain.gain.linearRampToValueAtTime(VOLUME, t0 + at + RAMP_S);
          gain.gain.setValueAtTime(VOLUME, t0 + at + length - RAMP_S);
          gain.gain.linearRampToValueAtTime(0, t0 + at + length);
          osc.connect(gain);
          gain.connect(ctx.destination);
          osc.start(t0 + at);
          osc.stop(t0 + at + length);
        }
        return true;
      } catch {
        return false;
      }
    },
  };
}
