/** Settings section "Panic wipe": the red erase button and what the quick gesture does. */
import { For, Show, type JSX } from 'solid-js';
import { t } from '../i18n';
import { PANIC_GESTURES, type PanicGesture } from '../platform/settingsStore';
import { usePanicWipe } from './PanicWipeProvider';

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
              <For each={PANIC_GESTURES}>
                {(g) => (
                  <option value={g} selected={p().gesture() === g}>
                    {t(`panic.gesture.${g}`)}
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
