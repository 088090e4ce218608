/** "Connected to N relays" or "working locally", announced politely when it changes. */
import type { JSX } from 'solid-js';
import { t } from '../i18n';
import { useVada } from '../state';

export function ConnectionIndicator(): JSX.Element {
  const store = useVada();
  const connected = () => store.status().connected;
  return (
    <p
      class="connection"
      classList={{ online: connected() > 0 }}
      role="status"
      aria-live="polite"
      data-testid="connection-status"
      data-connected={connected()}
      data-configured={store.status().configured}
    >
      <span class="connection-dot" aria-hidden="true">
        {connected() > 0 ? '●' : '○'}
      </span>
      {connected() > 0 ? t('status.connected', { count: connected() }) : t('status.offline')}
    </p>
  );
}
