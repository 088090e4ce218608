/** A field's validation message, referenced by the input's aria-describedby. */
import { Show, type JSX } from 'solid-js';
import type { DraftField, FieldError as Code } from '../../state';
import { fieldErrorText } from './fieldErrorText';

export function FieldError(props: { id: string; field: DraftField; code: Code | undefined }): JSX.Element {
  return (
    <Show when={props.code}>
      {(code) => (
        <p id={props.id} class="field-error" data-testid={`error-${props.field}`}>
          {fieldErrorText(props.field, code())}
        </p>
      )}
    </Show>
  );
}
