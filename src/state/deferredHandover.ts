/**
 * Hand-over on first use: the slice itself (createHandover.ts) comes with the
 * bundle code (handoverCode.ts, its own chunk), made the moment that code is
 * here. Same store API: the bar's count of carried records not yet passed on
 * is the sync link's and answers at once; until the code is here `share` has
 * nothing and `ready` is false (both reactive), a scanned code is not read,
 * and reading text awaits the code (a chunk that cannot come rejects). The
 * share and import sheets wait for it before they show.
 */
import type { HandoverDeps } from './createHandover';
import { handoverCode, loadHandoverCode, type HandoverCode } from './handoverCode';
import type { HandoverSlice } from './handoverTypes';

/** The hand-over slice over `deps`, made from the bundle code when it is first needed. */
export function deferredHandover(deps: HandoverDeps): HandoverSlice {
  let made: HandoverSlice | undefined;
  const make = (code: HandoverCode) => (made ??= code.createHandover(deps));
  /** The slice once the code is here (reactive: a reader re-runs when it arrives). */
  const real = (): HandoverSlice | undefined => {
    const code = handoverCode();
    return code && make(code);
  };
  return {
    share: (scope) => real()?.share(scope),
    ready: () => handoverCode() !== undefined,
    load: async () => void (await loadHandoverCode()),
    readText: async (text) => make(await loadHandoverCode()).readText(text),
    scan(text) {
      const slice = real();
      if (slice) return slice.scan(text);
      // Not here yet (the import sheet waits for it, so only a caller that did not): nothing is read.
      void loadHandoverCode().catch(() => undefined);
      return { kind: 'unknown' };
    },
    resetScan: () => real()?.resetScan(),
    checking: () => real()?.checking() ?? false,
    preview: () => real()?.preview(),
    merge: async () => (await real()?.merge()) ?? 0,
    discard: () => real()?.discard(),
    carriedUnsent: deps.carriedUnsent,
  };
}
