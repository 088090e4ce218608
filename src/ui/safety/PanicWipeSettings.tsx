/** Settings section "Panic wipe": the red erase button and what the quick gesture does. */
import { For, Show, type JSX } from 'solid-js';
import { t, type MessageKey } from '../../i18n';
import type { PanicGesture } from '../../platform/settingsStore';
import { usePanicWipe } from './PanicWipeProvider';

/** Every gesture choice, in the order shown, with its words (the type makes the list complete). */
const GESTURE_TEXT = {
  off: 'panic.gesture.off',
  ask: 'panic.gesture.ask',
  immediate: 'panic.gesture.immediate',
} as const satisfies Record<PanicGesture, MessageKey>;
const GESTURES = Object.keys(GESTURE_TEXT) as PanicGesture[];

export function PanicWipeSettings(): JSX.Element {
  const panic = usePanicWipe();
  return (
    <Show when={panic}>
      {(p) => (
        <section class="settings-section" aria-labelledby="panic-heading">
          <h4 id="panic-heading">{t('panic.heading')}</h4>
          <p class="hint">{t('panic.explain')}</p>
          <button
            type="button"
            class="danger"
            data-testid="panic-wipe"
            disabled={p().wiping()}
            onClick={() => (p().gesture() === 'immediate' ? p().wipeNow() : p().ask())}
          >
            {t('panic.button')}
          </button>
          <div class="field">
            <label for="panic-gesture">{t('panic.gesture')}</label>
            <select
              id="panic-gesture"
              data-testid="panic-gesture"
              aria-describedby="panic-gesture-hint"
              onChange={(e) => p().setGesture(e.currentTarget.value as PanicGesture)}
            >
              <For each={GESTURES}>
                {(g) => (
                  <option value={g} selected={p().gesture() === g}>
                    {t(GESTURE_TEXT[g])}
                  </option>
                )}
              </For>
            </select>
            <p id="panic-gesture-hint" class="hint">
              {t('panic.gestureHint')}
            </p>
          </div>
        </section>
      )}
    </Show>
  );
}
