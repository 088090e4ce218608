/** Creates a private circle (fresh random id and key on this device) and hands its id back to show the invite. */
import { createSignal, createUniqueId, Show, type JSX } from 'solid-js';
import type { CircleId } from '../domain';
import { t } from '../i18n';
import { useVada } from '../state';
import { circleNameError } from './circleName';
import { joinRefusalText } from './circleText';
import { createSubmission } from './createSubmission';

export function CircleCreateForm(props: { onCreated: (id: CircleId) => void }): JSX.Element {
  const store = useVada();
  const inputId = createUniqueId();
  const [name, setName] = createSignal('');
  const [error, setError] = createSignal<string>();
  const { busy, failure, run } = createSubmission();

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const refusal = circleNameError(name());
    setError(refusal);
    if (refusal) return;
    const value = name().trim();
    const done = props.onCreated;
    await run(async () => {
      const r = await store.circles.create(value);
      if (!r.ok) return setError(joinRefusalText(r));
      setName('');
      done(r.circle.id);
    });
  };

  return (
    <form class="circle-form" novalidate onSubmit={(e) => void submit(e)}>
      <h3>{t('circle.createHeading')}</h3>
      <div class="field">
        <label for={inputId}>{t('circle.createName')}</label>
        <input
          id={inputId}
          data-testid="circle-create-name"
          autocomplete="off"
          value={name()}
          aria-invalid={error() ? 'true' : undefined}
          aria-describedby={error() ? `${inputId}-error` : undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <Show when={error()}>
          <p id={`${inputId}-error`} class="field-error" data-testid="circle-create-error">
            {error()}
          </p>
        </Show>
      </div>
      <button type="submit" class="primary" data-testid="circle-create" disabled={busy()}>
        {t('circle.create')}
      </button>
      <Show when={failure()}>
        <p class="alert" role="alert">
          {failure()}
        </p>
      </Show>
    </form>
  );
}
