/**
 * "Update ready — Reload now / Later": shown while a new app version waits.
 * Non-blocking (the map stays usable) and the app never reloads unless the
 * user presses Reload now; Later hides it until the next new version.
 */
import { createSignal, onCleanup, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import type { AppUpdates } from '../../platform/serviceWorker';

/** The update prompt for `updates` (from src/platform/serviceWorker.ts). */
export function UpdateBanner(props: { updates: AppUpdates }): JSX.Element {
  // eslint-disable-next-line solid/reactivity -- the updates object is fixed for the app's life
  const updates = props.updates;
  const [waiting, setWaiting] = createSignal(updates.waiting());
  const [dismissed, setDismissed] = createSignal(false);
  onCleanup(
    updates.subscribe(() => {
      setWaiting(updates.waiting());
      setDismissed(false);
    }),
  );
  return (
    <Show when={waiting() && !dismissed()}>
      <div class="update-banner" role="status" data-testid="update-banner">
        <p>{t('update.ready')}</p>
        <button type="button" class="primary" data-testid="update-reload" onClick={() => updates.apply()}>
          {t('update.reload')}
        </button>
        <button type="button" data-testid="update-later" onClick={() => setDismissed(true)}>
          {t('update.later')}
        </button>
      </div>
    </Show>
  );
}
