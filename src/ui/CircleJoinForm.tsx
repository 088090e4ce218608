/** Joins a circle from a pasted invite link (for when the link could not simply be opened). */
import { createSignal, createUniqueId, Show, type JSX } from 'solid-js';
import { t } from '../i18n';
import { useVada } from '../state';
import { circleLabel, joinRefusalText } from './circleText';
import { createSubmission } from './createSubmission';

export function CircleJoinForm(): JSX.Element {
  const store = useVada();
  const inputId = createUniqueId();
  const [text, setText] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [joined, setJoined] = createSignal<string>();
  const { busy, failure, run } = createSubmission();

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setJoined(undefined);
    const value = text().trim();
    if (value === '') return setError(t('circle.error.joinRequired'));
    setError(undefined);
    await run(async () => {
      const r = await store.circles.join(value);
      if (!r.ok) return setError(joinRefusalText(r));
      setText('');
      setJoined(circleLabel(r.circle));
    });
  };

  return (
    <form class="circle-form" novalidate onSubmit={(e) => void submit(e)}>
      <h3>{t('circle.joinHeading')}</h3>
      <div class="field">
        <label for={inputId}>{t('circle.joinText')}</label>
        <input
          id={inputId}
          data-testid="circle-join-text"
          autocomplete="off"
          spellcheck={false}
          value={text()}
          aria-invalid={error() ? 'true' : undefined}
          aria-describedby={error() ? `${inputId}-error` : undefined}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <Show when={error()}>
          <p id={`${inputId}-error`} class="field-error" data-testid="circle-join-error">
            {error()}
          </p>
        </Show>
      </div>
      <button type="submit" data-testid="circle-join" disabled={busy()}>
        {t('circle.join')}
      </button>
      <Show when={joined()}>
        {(name) => (
          <p role="status" data-testid="circle-joined">
            {t('circle.joined', { name: name() })}
          </p>
        )}
      </Show>
      <Show when={failure()}>
        <p class="alert" role="alert">
          {failure()}
        </p>
      </Show>
    </form>
  );
}
