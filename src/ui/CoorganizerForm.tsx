/**
 * The organizer names a co-organizer: paste their public key, publish a
 * signed record; alerts that key signs about this point then show confirmed.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import type { RecordId } from '../domain';
import { t } from '../i18n';
import { useVada, type FieldErrors } from '../state';
import { createSubmission } from './createSubmission';
import { fieldErrorText } from './pointText';

export function CoorganizerForm(props: { id: RecordId }): JSX.Element {
  const store = useVada();
  const [key, setKey] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [added, setAdded] = createSignal(false);
  const { busy, failure, run } = createSubmission();
  const inputId = () => `coorganizer-${props.id}`;

  const words = (errors: FieldErrors): string => {
    const entries = Object.entries(errors) as [keyof FieldErrors, NonNullable<FieldErrors[keyof FieldErrors]>][];
    const first = entries[0];
    if (!first) return t('coorganizer.error.invalid');
    if (first[1] === 'required') return t('coorganizer.error.required');
    return first[0] === 'form' || first[1] === 'invalid'
      ? t('coorganizer.error.invalid')
      : fieldErrorText(first[0], first[1]);
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setAdded(false);
    const value = key().trim();
    if (value === '') return setError(t('coorganizer.error.required'));
    if (value === store.myKey) return setError(t('coorganizer.error.self'));
    setError(undefined);
    const id = props.id;
    await run(async () => {
      const r = await store.addCoorganizer(id, value);
      if (!r.ok) return setError(words(r.errors));
      setKey('');
      setAdded(true);
    });
  };

  return (
    <form class="coorganizer-form" data-testid="coorganizer-form" novalidate onSubmit={(e) => void submit(e)}>
      <h3>{t('coorganizer.heading')}</h3>
      <p class="hint">{t('coorganizer.explain')}</p>
      <div class="field">
        <label for={inputId()}>{t('coorganizer.key')}</label>
        <input
          id={inputId()}
          data-testid="coorganizer-key"
          autocomplete="off"
          spellcheck={false}
          value={key()}
          aria-invalid={error() ? 'true' : undefined}
          aria-describedby={error() ? `${inputId()}-error` : undefined}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <Show when={error()}>
          <p id={`${inputId()}-error`} class="field-error" data-testid="coorganizer-error">
            {error()}
          </p>
        </Show>
      </div>
      <button type="submit" data-testid="coorganizer-add" disabled={busy()}>
        {t('coorganizer.add')}
      </button>
      <Show when={added()}>
        <p role="status" data-testid="coorganizer-added">
          {t('coorganizer.added')}
        </p>
      </Show>
      <Show when={failure()}>
        <p class="alert" role="alert">
          {failure()}
        </p>
      </Show>
    </form>
  );
}
