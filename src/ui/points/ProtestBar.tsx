/**
 * Protest mode: a fixed bar while it is on, with the screen wake lock's state
 * in words, the way to the point ("350 m NE" and a rotated arrow) and the off
 * switch. The start button lives in the details sheet (ProtestStart).
 */
import { Show, type JSX } from 'solid-js';
import type { RecordId } from '../../domain';
import { t, type MessageKey } from '../../i18n';
import { useVada } from '../../state';
import type { WakeLockState } from '../../platform/alertPorts';
import { wayText } from '../common/direction';

const WAKE_KEYS = {
  on: 'protest.wake.on',
  off: 'protest.wake.off',
  unavailable: 'protest.wake.unavailable',
  lost: 'protest.wake.lost',
} as const satisfies Record<WakeLockState, MessageKey>;
const WAKE_ICON: Readonly<Record<WakeLockState, string>> = { on: '☀', off: '☾', unavailable: '⚠', lost: '⚠' };

export function ProtestBar(): JSX.Element {
  const store = useVada();
  return (
    <Show when={store.protest.point()}>
      {(id) => (
        <div class="protest-bar" data-testid="protest-bar" role="region" aria-label={t('protest.label')}>
          <p class="protest-title">
            <strong>{t('protest.label')}</strong> ·{' '}
            <span>{t('protest.to', { title: store.point(id())?.title ?? '' })}</span>
          </p>
          <p class="wake-lock" data-testid="wake-lock-state" data-state={store.protest.wakeLock()}>
            <span aria-hidden="true">{WAKE_ICON[store.protest.wakeLock()]}</span>{' '}
            {t(WAKE_KEYS[store.protest.wakeLock()])}
          </p>
          <p class="protest-bearing" data-testid="protest-bearing">
            <Show when={store.protest.bearing()} fallback={t('alert.shareForDistance')}>
              {(b) => (
                <>
                  <span class="arrow" aria-hidden="true" style={{ transform: `rotate(${b().degrees}deg)` }}>
                    ↑
                  </span>{' '}
                  {wayText(b().meters, b().degrees)}
                </>
              )}
            </Show>
          </p>
          <button type="button" data-testid="protest-stop" onClick={() => void store.protest.stop()}>
            {t('protest.stop')}
          </button>
        </div>
      )}
    </Show>
  );
}

/** "Protest mode" for an active or upcoming point (not shown while it is already on for this point). */
export function ProtestStart(props: { id: RecordId }): JSX.Element {
  const store = useVada();
  return (
    <Show when={store.protest.point() !== props.id}>
      <div class="protest-start">
        <button type="button" data-testid="protest-start" onClick={() => void store.protest.start(props.id)}>
          <span aria-hidden="true">☀</span> {t('protest.start')}
        </button>
        <p class="hint">{t('protest.startHint')}</p>
      </div>
    </Show>
  );
}
