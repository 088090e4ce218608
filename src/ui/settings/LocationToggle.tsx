/**
 * "Share my location with the app": opt-in, explained, with a clear message
 * when the browser refuses. The position never leaves the device.
 */
import { Show, type JSX } from 'solid-js';
import { t, type MessageKey } from '../../i18n';
import type { LocationError } from '../../platform/geolocation';
import { useVada } from '../../state';

const ERROR_KEYS = {
  denied: 'location.denied',
  unavailable: 'location.unavailable',
  timeout: 'location.timeout',
  unsupported: 'location.unsupported',
} as const satisfies Record<LocationError, MessageKey>;

export function LocationToggle(): JSX.Element {
  const { location } = useVada();
  return (
    <div class="field">
      <label class="choice">
        <input
          type="checkbox"
          data-testid="share-location"
          checked={location.sharing()}
          onChange={(e) => location.setSharing(e.currentTarget.checked)}
        />
        {t('location.share')}
      </label>
      <p class="hint">{t('location.hint')}</p>
      <Show when={location.sharing()}>
        <p role="status" class="hint" data-testid="location-status">
          <Show when={location.error()} fallback={location.position() ? '' : t('location.waiting')}>
            {(e) => t(ERROR_KEYS[e()])}
          </Show>
        </p>
      </Show>
    </div>
  );
}
