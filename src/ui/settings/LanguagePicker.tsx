/**
 * The language row at the top of Settings: a native select (the phone's own
 * picker, which every screen reader and keyboard already knows) listing each
 * language named in itself and marked with its own `lang`, so it is found and
 * pronounced right by someone who cannot read the current one. The label adds
 * a globe and, outside English, the English word, for the same reason.
 * Choosing changes the whole app at once (store.language) and is kept; while
 * a catalogue loads it says so, and when it cannot be loaded (offline before
 * it was cached) it says that plainly and the list goes back to the language
 * still in use.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { directionOf, isLocale, isolate, LANGUAGE_NAMES, LOCALES, t, type Locale } from '../../i18n';
import { en } from '../../i18n/locales/en';
import { useVada } from '../../state';

/** The language select with its loading and failure lines. */
export function LanguagePicker(): JSX.Element {
  const { language } = useVada();
  const [wanted, setWanted] = createSignal<Locale>();
  let select!: HTMLSelectElement;
  const choose = async (tag: string) => {
    if (!isLocale(tag)) return;
    setWanted(tag);
    const ok = await language.choose(tag);
    // Not loaded, and no later choice since: show the language that is still in use.
    if (!ok && wanted() === tag) select.value = language.current();
  };
  return (
    <div class="language-row" data-testid="language-row">
      <label for="language-picker">
        <span aria-hidden="true">🌐 </span>
        {t('settings.language')}
        <Show when={language.current() !== 'en'}>
          {' '}
          <span lang="en">({en['settings.language']})</span>
        </Show>
      </label>
      <select
        ref={select}
        id="language-picker"
        data-testid="language-picker"
        aria-describedby="language-status"
        onChange={(e) => void choose(e.currentTarget.value)}
      >
        <For each={LOCALES}>
          {(l) => (
            <option value={l} lang={l} dir={directionOf(l)} selected={language.current() === l}>
              {LANGUAGE_NAMES[l]}
            </option>
          )}
        </For>
      </select>
      <p id="language-status" class="hint language-status" role="status" data-testid="language-status">
        {language.change() === 'loading' ? t('settings.languageLoading') : ''}
      </p>
      <Show when={language.change() === 'failed' && wanted()}>
        {(tag) => (
          <p class="field-error" role="alert" data-testid="language-failed">
            {t('settings.languageFailed', { language: isolate(LANGUAGE_NAMES[tag()]) })}
          </p>
        )}
      </Show>
    </div>
  );
}
