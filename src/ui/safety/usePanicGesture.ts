/**
 * The quick panic gesture: three taps within 1.2 s on the connection status
 * line. Counting is a plain function of tap times (`makeTapCounter`), so the
 * timing is tested without a browser; `usePanicGesture` wires it to the
 * panic wipe according to the user's setting.
 */
import { usePanicWipe } from './PanicWipeProvider';

export const GESTURE_TAPS = 3;
export const GESTURE_WINDOW_MS = 1200;

/** Returns `tap()`, true when this tap completes `taps` taps within `windowMs` (then counting restarts). */
export function makeTapCounter(now: () => number, taps = GESTURE_TAPS, windowMs = GESTURE_WINDOW_MS): () => boolean {
  let times: number[] = [];
  return () => {
    const at = now();
    times = [...times.filter((t) => at - t <= windowMs), at];
    if (times.length < taps) return false;
    times = [];
    return true;
  };
}

/** A click handler for the gesture target: 'off' ignores it, 'ask' opens the confirmation, 'immediate' wipes. */
export function usePanicGesture(now: () => number = () => performance.now()): () => void {
  const panic = usePanicWipe();
  const tap = makeTapCounter(now);
  return () => {
    if (!panic || panic.gesture() === 'off' || !tap()) return;
    if (panic.gesture() === 'immediate') panic.wipeNow();
    else panic.ask();
  };
}
