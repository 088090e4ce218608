/**
 * A form of one text field and one button — create a circle, join one, name
 * a co-organizer: label, inline error, one attempt at a time, a confirmation
 * line, and the failure of the last attempt. Callers say what the text means.
 */
import { createSignal, createUniqueId, Show, type JSX } from 'solid-js';
import { createSubmission } from './createSubmission';

/** An error keeps the text in the field; otherwise the field is cleared and `done` (if any) is shown. */
export type OneFieldOutcome = { readonly error: string } | { readonly done?: string };

export interface OneFieldFormProps {
  readonly class: string;
  readonly testId?: string;
  readonly heading: JSX.Element;
  readonly hint?: string;
  readonly label: string;
  readonly button: string;
  readonly primary?: boolean;
  /** Keys and links are not words: no spell checking for them. */
  readonly spellcheck?: boolean;
  readonly ids: { readonly input: string; readonly error: string; readonly submit: string; readonly done?: string };
  /** Refuses the raw text before anything is published. */
  onCheck(raw: string): string | undefined;
  /** Acts on the trimmed text. */
  onValue(value: string): Promise<OneFieldOutcome>;
}

export function OneFieldForm(props: OneFieldFormProps): JSX.Element {
  const inputId = createUniqueId();
  const [text, setText] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const { busy, failure, run } = createSubmission();

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setDone(undefined);
    const refusal = props.onCheck(text());
    setError(refusal);
    if (refusal) return;
    const value = text().trim();
    const act = props.onValue;
    await run(async () => {
      const outcome = await act(value);
      if ('error' in outcome) return setError(outcome.error);
      setText('');
      setDone(outcome.done);
    });
  };

  return (
    <form class={props.class} data-testid={props.testId} novalidate onSubmit={(e) => void submit(e)}>
      {props.heading}
      <Show when={props.hint}>
        <p class="hint">{props.hint}</p>
      </Show>
      <div class="field">
        <label for={inputId}>{props.label}</label>
        <input
          id={inputId}
          data-testid={props.ids.input}
          autocomplete="off"
          spellcheck={props.spellcheck ?? true}
          value={text()}
          aria-invalid={error() ? 'true' : undefined}
          aria-describedby={error() ? `${inputId}-error` : undefined}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <Show when={error()}>
          <p id={`${inputId}-error`} class="field-error" data-testid={props.ids.error}>
            {error()}
          </p>
        </Show>
      </div>
      <button
        type="submit"
        class={props.primary ? 'primary' : undefined}
        data-testid={props.ids.submit}
        disabled={busy()}
      >
        {props.button}
      </button>
      <Show when={done()}>
        {(message) => (
          <p role="status" data-testid={props.ids.done}>
            {message()}
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
