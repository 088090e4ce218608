/**
 * Settings section "App PIN": set a PIN (typed twice) with an optional duress
 * PIN, or remove it. Both erase the phone's Vada data (settings stay) and
 * reload, which the section says before the button is pressed.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { pinProblem, type PinProblem } from '../../domain/pinProblem';
import { t, type MessageKey } from '../../i18n';
import type { AppPinPort } from '../../platform/devicePorts';
import { useVada } from '../../state';

const PROBLEM_TEXT = {
  format: 'pin.error.format',
  mismatch: 'pin.error.mismatch',
  'duress-format': 'pin.error.duressFormat',
  'duress-same': 'pin.error.duressSame',
} as const satisfies Record<PinProblem, MessageKey>;

export interface PinSettingsProps {
  /** Injected in tests; default the store's device port, whose set and remove erase, store and reload. */
  pin?: AppPinPort;
}

export function PinSettings(props: PinSettingsProps): JSX.Element {
  // eslint-disable-next-line solid/reactivity -- the port is fixed for the component's life
  const port = props.pin ?? useVada().device.pin;
  // Whether a PIN is set changes only through a reload.
  const isSet = port.isSet();
  const [pin, setPin] = createSignal('');
  const [again, setAgain] = createSignal('');
  const [duress, setDuress] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [confirmRemove, setConfirmRemove] = createSignal(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setError(t('pin.error.failed', { detail: e instanceof Error ? e.message : String(e) }));
      setBusy(false);
    }
  };
  const save = (event: Event) => {
    event.preventDefault();
    const problem = pinProblem(pin(), again(), duress());
    setError(problem && t(PROBLEM_TEXT[problem]));
    if (problem) return;
    const [chosen, duressChosen] = [pin(), duress()];
    void run(() => port.set(chosen, duressChosen));
  };
  const field = (
    id: string,
    label: 'pin.new' | 'pin.confirm' | 'pin.duress',
    value: () => string,
    onInput: (v: string) => void,
  ) => (
    <div class="field">
      <label for={id}>{t(label)}</label>
      <input
        id={id}
        data-testid={id}
        type="password"
        inputmode="numeric"
        autocomplete="off"
        maxLength={12}
        value={value()}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
  return (
    <section class="settings-section" aria-labelledby="pin-heading">
      <h4 id="pin-heading">{t('pin.heading')}</h4>
      <p class="hint">{t('pin.explain')}</p>
      <Show
        when={isSet}
        fallback={
          <form data-testid="pin-set" onSubmit={save}>
            {field('pin-new', 'pin.new', pin, setPin)}
            {field('pin-confirm', 'pin.confirm', again, setAgain)}
            {field('duress-new', 'pin.duress', duress, setDuress)}
            <p class="alert">{t('pin.setWarning')}</p>
            <Show when={error()}>
              <p class="field-error" role="alert" data-testid="pin-set-error">
                {error()}
              </p>
            </Show>
            <button type="submit" class="danger" data-testid="pin-save" disabled={busy()}>
              {busy() ? t('pin.saving') : t('pin.save')}
            </button>
          </form>
        }
      >
        <p>{t('pin.isSet')}</p>
        <p class="alert">{t('pin.removeWarning')}</p>
        <Show when={error()}>
          <p class="field-error" role="alert" data-testid="pin-set-error">
            {error()}
          </p>
        </Show>
        <Show
          when={confirmRemove()}
          fallback={
            <button type="button" data-testid="pin-remove" onClick={() => setConfirmRemove(true)}>
              {t('pin.remove')}
            </button>
          }
        >
          <div class="button-row">
            <button
              type="button"
              class="danger"
              data-testid="pin-remove-confirm"
              disabled={busy()}
              onClick={() => void run(() => port.remove())}
            >
              {t('pin.removeConfirm')}
            </button>
            <button type="button" onClick={() => setConfirmRemove(false)}>
              {t('pin.keep')}
            </button>
          </div>
        </Show>
      </Show>
    </section>
  );
}
