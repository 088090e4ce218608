/**
 * The lock screen shown at boot when an app PIN is set, before any store
 * opens. The right PIN installs the sealing codec and lets the boot go on; the
 * duress PIN wipes the phone while the screen shows the same "Checking…" as
 * for any PIN; a wrong PIN is refused after a short delay. Checking the PIN,
 * installing the codec and wiping are passed in by the boot (src/main.tsx):
 * the UI calls no storage code of its own.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { render } from 'solid-js/web';
import { t } from '../../i18n';
import type { AtRestCodec } from '../../platform/atRest';
import type { UnlockResult } from '../../platform/pinLock';

/** Extra wait before "Wrong PIN" (slows guessing at the screen a little more). */
export const WRONG_PIN_DELAY_MS = 800;

export interface LockScreenProps {
  unlock(pin: string): Promise<UnlockResult>;
  onUnlocked(codec: AtRestCodec): void;
  onDuress(): void;
  delayMs?: number;
}

export function LockScreen(props: LockScreenProps): JSX.Element {
  const [pin, setPin] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [wrong, setWrong] = createSignal(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy() || pin() === '') return;
    setBusy(true);
    setWrong(false);
    const result = await props.unlock(pin()).catch((): UnlockResult => ({ kind: 'wrong' }));
    if (result.kind === 'unlocked') return props.onUnlocked(result.codec);
    // Stays "Checking…" until the wipe leaves the page: nothing tells this PIN apart.
    if (result.kind === 'duress') return props.onDuress();
    const delay = props.delayMs ?? WRONG_PIN_DELAY_MS;
    await new Promise((resolve) => setTimeout(resolve, delay));
    setPin('');
    setWrong(true);
    setBusy(false);
  };
  return (
    <main class="lock-screen">
      <form data-testid="pin-lock" onSubmit={(e) => void submit(e)}>
        <h1>{t('app.name')}</h1>
        <label for="pin-input">{t('pin.enter')}</label>
        <input
          id="pin-input"
          data-testid="pin-input"
          type="password"
          inputmode="numeric"
          autocomplete="off"
          maxLength={12}
          value={pin()}
          disabled={busy()}
          aria-invalid={wrong()}
          aria-describedby={wrong() ? 'pin-error' : undefined}
          onInput={(e) => setPin(e.currentTarget.value)}
        />
        <Show when={wrong()}>
          <p id="pin-error" class="field-error" role="alert" data-testid="pin-error">
            {t('pin.wrong')}
          </p>
        </Show>
        <button type="submit" class="primary" data-testid="pin-unlock" disabled={busy()}>
          {busy() ? t('pin.checking') : t('pin.unlock')}
        </button>
      </form>
    </main>
  );
}

/** What the lock screen needs from the device. */
export interface UnlockDeps {
  /** Tries a PIN against the stored PIN record. */
  unlock(pin: string): Promise<UnlockResult>;
  /** Installs the right PIN's at-rest codec, before the boot goes on. */
  install(codec: AtRestCodec): void;
  /** The duress PIN's wipe. */
  wipe(): Promise<unknown>;
  delayMs?: number;
}

/**
 * Shows the lock screen in `root` and resolves once the right PIN installed
 * its codec (the boot goes on only then). The duress PIN runs `wipe`.
 */
export function waitForUnlock(root: HTMLElement, deps: UnlockDeps): Promise<void> {
  return new Promise((resolve) => {
    root.textContent = '';
    const dispose = render(
      () => (
        <LockScreen
          unlock={(pin) => deps.unlock(pin)}
          onUnlocked={(codec) => {
            deps.install(codec);
            dispose();
            resolve();
          }}
          onDuress={() => void deps.wipe()}
          delayMs={deps.delayMs}
        />
      ),
      root,
    );
  });
}
