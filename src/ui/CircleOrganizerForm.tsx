/**
 * A circle's creator names a co-organizer by public key: a signed record in
 * that circle, after which their alerts are confirmed for all its points.
 */
import { createSignal, createUniqueId, Show, type JSX } from 'solid-js';
import type { CircleId } from '../domain';
import { t } from '../i18n';
import { useVada } from '../state';
import { createSubmission } from './createSubmission';

export function CircleOrganizerForm(props: { id: CircleId }): JSX.Element {
  const store = useVada();
  const inputId = createUniqueId();
  const [key, setKey] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [added, setAdded] = createSignal(false);
  const { busy, failure, run } = createSubmission();

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setAdded(false);
    const value = key().trim();
    if (value === '') return setError(t('coorganizer.error.required'));
    if (value === store.myKey) return setError(t('coorganizer.error.self'));
    setError(undefined);
    const id = props.id;
    await run(async () => {
      const r = await store.circles.addOrganizer(id, value);
      if (!r.ok) return setError(t('coorganizer.error.invalid'));
      setKey('');
      setAdded(true);
    });
  };

  return (
    <form class="circle-organizer-form" novalidate onSubmit={(e) => void submit(e)}>
      <h4>{t('circle.organizerHeading')}</h4>
      <p class="hint">{t('circle.organizerExplain')}</p>
      <div class="field">
        <label for={inputId}>{t('circle.organizerKey')}</label>
        <input
          id={inputId}
          data-testid="circle-organizer-key"
          autocomplete="off"
          spellcheck={false}
          value={key()}
          aria-invalid={error() ? 'true' : undefined}
          aria-describedby={error() ? `${inputId}-error` : undefined}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <Show when={error()}>
          <p id={`${inputId}-error`} class="field-error" data-testid="circle-organizer-error">
            {error()}
          </p>
        </Show>
      </div>
      <button type="submit" data-testid="circle-organizer-add" disabled={busy()}>
        {t('circle.organizerAdd')}
      </button>
      <Show when={added()}>
        <p role="status" data-testid="circle-organizer-added">
          {t('circle.organizerAdded')}
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
