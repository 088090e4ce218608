/**
 * Connection state, always visible and honest: "Offline" (no network at
 * all), "No relay reachable — working locally", or "Connected to N relays";
 * plus the last time a record arrived and how many of this device's records
 * still wait to be sent (and how many received by hand still wait to be
 * passed on), and how many nearby phones are linked ("1 nearby phone", also
 * with no network at all: links need none); while a link that just opened
 * brings records, "Syncing… N points" (its number changes at most once a
 * second, createSyncProgress). Announced politely when it changes. The
 * relay status changes with every record that arrives (its last-sync time):
 * what is shown is derived through memos, so a fresh sync of thousands of
 * records re-renders only what really changed, not the whole line per record.
 */
import { createMemo, Show, type JSX } from 'solid-js';
import { formatClock, t } from '../../i18n';
import { useVada } from '../../state';
import { usePanicGesture } from '../safety/usePanicGesture';

export function ConnectionIndicator(): JSX.Element {
  const store = useVada();
  // Three quick taps here are the panic gesture (Settings › Panic wipe).
  const panicTap = usePanicGesture();
  const connected = createMemo(() => store.status().connected);
  const configured = createMemo(() => store.status().configured);
  // The text, not the time: records arriving within the same minute leave it (and the live region) alone.
  const lastSync = createMemo(() => {
    const at = store.status().lastSync;
    return at === undefined ? undefined : t('status.lastSync', { time: formatClock(at, store.now()) });
  });
  // The browser's flag wins: with no network, relay links are stale, not "connected".
  const mode = () => (!store.online() ? 'offline' : connected() > 0 ? 'connected' : 'no-relay');
  const links = () => store.links.count();
  const label = () =>
    mode() === 'offline'
      ? links() > 0
        ? t('status.offlineShort')
        : t('status.noNetwork')
      : mode() === 'connected'
        ? t('status.connected', { count: connected() })
        : t('status.offline');
  return (
    <p
      class="connection"
      classList={{ online: mode() === 'connected' }}
      role="status"
      aria-live="polite"
      data-testid="connection-status"
      data-mode={mode()}
      data-connected={connected()}
      data-configured={configured()}
      data-unsent={store.unsentCount()}
      data-links={links()}
      data-points={store.points().length}
      onClick={() => panicTap()}
    >
      <span class="connection-dot" aria-hidden="true">
        {mode() === 'connected' ? '●' : '○'}
      </span>
      <span>{label()}</span>
      <Show when={links() > 0}>
        <span aria-hidden="true">·</span>
        <span class="connection-links" data-testid="link-count" data-count={links()}>
          {t('status.nearby', { count: links() })}
        </span>
      </Show>
      {/* The progress takes the place of "Last update" rather than adding a line: the bar must not grow
          (and push the map) while records stream in. */}
      <Show
        when={store.syncing()}
        fallback={<Show when={lastSync()}>{(text) => <span class="connection-sync">{text()}</span>}</Show>}
      >
        {(count) => (
          <span class="connection-sync" data-testid="sync-progress">
            {t('status.syncing', { count: count() })}
          </span>
        )}
      </Show>
      <Show when={store.unsentCount() > 0}>
        <span class="connection-unsent" data-testid="unsent-count">
          {t('status.unsent', { count: store.unsentCount() })}
        </span>
      </Show>
      <Show when={store.handover.carriedUnsent() > 0}>
        <span class="connection-unsent" data-testid="carried-count">
          {t('status.carried', { count: store.handover.carriedUnsent() })}
        </span>
      </Show>
    </p>
  );
}
