/**
 * A point's optional note: its own component because the propose sheet folds
 * it away with the other optional parts (issue 11), while the point fields
 * keep it where a form shows it inline.
 */
import type { JSX } from 'solid-js';
import { t } from '../../i18n';
import type { FieldError as Code } from '../../state';
import { FieldError } from './FieldError';

/** The note textarea; `prefix` as in PointFields ("" for propose). */
export function NoteField(props: {
  prefix: string;
  value: string;
  onInput: (note: string) => void;
  error: Code | undefined;
}): JSX.Element {
  const id = (name: string) => `${props.prefix}${name}`;
  return (
    <div class="field">
      <label for={id('note')}>{t('field.note')}</label>
      <textarea
        id={id('note')}
        name="note"
        rows="2"
        data-testid={id('field-note')}
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? id('note-error') : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <FieldError id={id('note-error')} field="note" code={props.error} />
    </div>
  );
}
