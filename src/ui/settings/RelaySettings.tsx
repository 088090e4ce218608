/**
 * Relays: the list (saved, plus this session's `?relay=` ones), add with
 * validation, remove, back to default. The adapter only reports counts, so
 * the status line says how many of them are connected. A short help says what
 * a hotspot relay with its own certificate needs first: the browser must have
 * accepted that certificate, or its wss:// link fails without a word.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { formatClock, t, type MessageKey } from '../../i18n';
import { useVada, type RelayUrlError } from '../../state';
import { UrlText } from './UrlText';

const ERROR_KEYS = {
  empty: 'settings.relayError.empty',
  invalid: 'settings.relayError.invalid',
  scheme: 'settings.relayError.scheme',
  path: 'settings.relayError.path',
  credentials: 'settings.relayError.credentials',
  duplicate: 'settings.relayError.duplicate',
} as const satisfies Record<RelayUrlError | 'duplicate', MessageKey>;

export function RelaySettings(): JSX.Element {
  const store = useVada();
  const relays = store.relays;
  const [input, setInput] = createSignal('');
  const [error, setError] = createSignal<RelayUrlError | 'duplicate'>();

  const add = (e: SubmitEvent) => {
    e.preventDefault();
    const problem = relays.add(input());
    setError(problem);
    if (!problem) setInput('');
  };

  return (
    <div class="settings-section" data-testid="relay-settings">
      <p class="hint">{t('settings.relaysExplain')}</p>
      <p data-testid="relay-status">
        {relays.relays().length === 0
          ? t('settings.relayNone')
          : t('settings.relayCount', { connected: store.status().connected, count: relays.relays().length })}
      </p>
      <Show when={store.status().lastSync}>
        {(at) => <p class="hint">{t('status.lastSync', { time: formatClock(at(), store.now()) })}</p>}
      </Show>
      <ul class="relay-list" data-testid="relay-list">
        <For each={relays.relays()}>
          {(url) => (
            <li data-relay-url={url}>
              <UrlText class="relay-url" url={url} />
              <Show when={relays.session().includes(url) && !relays.saved().includes(url)}>
                <span class="badge">{t('settings.sessionOnly')}</span>
              </Show>
              <button
                type="button"
                data-testid="relay-remove"
                aria-label={t('settings.removeRelayLabel', { url })}
                onClick={() => relays.remove(url)}
              >
                {t('settings.removeRelay')}
              </button>
            </li>
          )}
        </For>
      </ul>
      <form class="relay-form" novalidate onSubmit={add}>
        <label for="relay-url">{t('settings.relayUrl')}</label>
        <input
          id="relay-url"
          type="text"
          inputmode="url"
          autocomplete="off"
          spellcheck={false}
          data-testid="relay-input"
          placeholder={t('settings.relayPlaceholder')}
          value={input()}
          aria-invalid={error() ? 'true' : undefined}
          aria-describedby={error() ? 'relay-url-error' : undefined}
          onInput={(e) => setInput(e.currentTarget.value)}
        />
        <Show when={error()}>
          {(code) => (
            <p id="relay-url-error" class="field-error" data-testid="relay-error">
              {t(ERROR_KEYS[code()])}
            </p>
          )}
        </Show>
        <button type="submit" data-testid="relay-add">
          {t('settings.addRelay')}
        </button>
      </form>
      <p class="hint" data-testid="relay-hotspot-help">
        {t('settings.relayHotspotHelp')}
      </p>
      <Show when={!relays.usingDefaults()}>
        <button type="button" data-testid="relay-reset" onClick={() => relays.reset()}>
          {t('settings.useDefaults')}
        </button>
      </Show>
    </div>
  );
}
