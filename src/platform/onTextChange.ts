/**
 * Turns a stream of per-frame decode results into "a new code is in view"
 * events. A code held still is decoded many times a second but must be
 * reported once; a multi-part hand-over cycles A, B, C, A, … so a code seen
 * again after another one is reported again. Frames where nothing was decoded
 * (blur, a hand in the way) do not count as a change: A, nothing, A is one A.
 */

/**
 * Returns a function to call with each frame's decoded text (undefined when
 * none); it calls `listener` with the text whenever it differs from the last
 * text decoded.
 */
export function onTextChange(listener: (text: string) => void): (seen: string | undefined) => void {
  let last: string | undefined;
  return (seen) => {
    if (seen === undefined || seen === last) return;
    last = seen;
    listener(seen);
  };
}
