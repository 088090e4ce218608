/**
 * A short note in the offline settings when Vada cannot start offline from
 * this address, and why: mostly a hotspot relay's self-signed certificate,
 * for which Chromium refuses the service worker even after the user accepted
 * the certificate. Nothing is shown while it is possible (or still being found out).
 */
import { createSignal, onCleanup, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import type { OfflineStart, OfflineStartSource } from '../../platform/serviceWorker';
import { useVada } from '../../state';

const NOTES = {
  certificate: 'offline.unavailable.certificate',
  failed: 'offline.unavailable.failed',
  unsupported: 'offline.unavailable.unsupported',
} as const satisfies Partial<Record<OfflineStart, string>>;

const noteFor = (state: OfflineStart) => (state in NOTES ? NOTES[state as keyof typeof NOTES] : undefined);

/** `source` is injected in tests; default the store's device port. */
export function OfflineStartNote(props: { source?: OfflineStartSource }): JSX.Element {
  // eslint-disable-next-line solid/reactivity -- the source is fixed for the component's life
  const source = props.source ?? useVada().device.offlineStart;
  const [state, setState] = createSignal(source.current());
  onCleanup(source.subscribe(() => setState(source.current())));
  const note = () => noteFor(state());
  return (
    <Show when={note()}>
      {(key) => (
        <p class="hint offline-start-note" role="note" data-testid="offline-start-note" data-state={state()}>
          {t(key())}
        </p>
      )}
    </Show>
  );
}
