/**
 * Publishing on first use: proposing, dispersing, cancelling, the alert
 * actions, header mining and draft checks (createActions.ts and what only it
 * uses) are a chunk of their own, not in the first load. The store's actions
 * keep their shape: each returns a promise, so each awaits the chunk first
 * (once; again after a failure). The point sheets wait for it before they
 * show (src/ui/shell/lazySheets.ts), and their chunks are fetched once the
 * page is idle, so a tap never waits for it; the service worker precaches
 * it. A chunk that cannot come (offline before it was cached) rejects the
 * action with a plain reason, which the forms show as "Could not publish: …".
 */
import type { CircleId, PayloadOf, RecordKind } from '../domain';
import type { AlertActions } from './alertTypes';
import type { Actions, ActionsDeps, Publish } from './createActions';

type ActionsCode = typeof import('./createActions');

let pending: Promise<ActionsCode> | undefined;

/** Fetches the publishing code (once; again after a failure). */
export function loadActionsCode(): Promise<ActionsCode> {
  return (pending ??= import('./createActions').catch((error: unknown) => {
    pending = undefined;
    throw new Error('The publishing code is not on this phone yet (offline before it was saved). Try again online.', {
      cause: error,
    });
  }));
}

export type LoadedActions = Actions & AlertActions & { readonly publish: Publish };

/** The store's actions over `deps`, made from the publishing code when it is first needed. */
export function deferredActions(deps: ActionsDeps): LoadedActions {
  let real: LoadedActions | undefined;
  const actions = async (): Promise<LoadedActions> => (real ??= (await loadActionsCode()).createActions(deps));
  return {
    publish: async <K extends RecordKind>(kind: K, payload: PayloadOf[K], created: number, circle: CircleId) =>
      (await actions()).publish(kind, payload, created, circle),
    propose: async (draft) => (await actions()).propose(draft),
    disperse: async (point, reappear) => (await actions()).disperse(point, reappear),
    cancel: async (point) => (await actions()).cancel(point),
    raiseAlert: async (point, input) => (await actions()).raiseAlert(point, input),
    addCoorganizer: async (point, key) => (await actions()).addCoorganizer(point, key),
    myFallbacks: async (point) => (await actions()).myFallbacks(point),
    premine(circle?: CircleId) {
      // Mining ahead is an optimisation: without the chunk, Publish mines on the spot (or says why it cannot).
      actions().then(
        (a) => a.premine(circle),
        () => undefined,
      );
    },
  };
}
