/**
 * This device's public key: a short fingerprint to compare at a glance and
 * the full key, selectable and copyable, to hand to an organizer who wants
 * to name this device a co-organizer.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { fingerprint } from '../points/fingerprint';

export function MyKey(): JSX.Element {
  const store = useVada();
  const [copied, setCopied] = createSignal<boolean>();
  let field!: HTMLTextAreaElement;
  const copy = async () => {
    const ok = await store.device.copyText(store.myKey);
    setCopied(ok);
    // Without clipboard access, select the key so the user can copy it by hand.
    if (!ok) field.select();
  };
  return (
    <div class="my-key" data-testid="my-key" data-key={store.myKey}>
      <p>{t('settings.myKey', { fingerprint: fingerprint(store.myKey) })}</p>
      <label for="my-key-full">{t('settings.myKeyFull')}</label>
      <textarea
        ref={field}
        id="my-key-full"
        class="key-text"
        data-testid="my-key-full"
        readOnly
        rows="2"
        value={store.myKey}
      />
      <button type="button" data-testid="my-key-copy" onClick={() => void copy()}>
        {t('settings.copyKey')}
      </button>
      <Show when={copied() !== undefined}>
        <p role="status" class="hint" data-testid="my-key-copied">
          {copied() ? t('settings.copied') : t('settings.copyFailed')}
        </p>
      </Show>
    </div>
  );
}
