/** Words for a propose or co-organizer form's field errors, all through i18n. */
import { LIMITS } from '../../domain';
import { t } from '../../i18n';
import type { DraftField, FieldError } from '../../state';

/** The message for one field's error code. */
export function fieldErrorText(field: DraftField, code: FieldError): string {
  if (code === 'controlChars') return t('error.text.controlChars');
  switch (field) {
    case 'title':
      if (code === 'tooLong') return t('error.title.tooLong', { max: LIMITS.titleChars });
      return code === 'oneLine' ? t('error.title.oneLine') : t('error.title.required');
    case 'note':
      return t('error.note.tooLong', { max: LIMITS.noteChars });
    case 'start':
      return code === 'tooFar'
        ? t('error.start.tooFar')
        : code === 'required'
          ? t('error.start.required')
          : t('error.start.invalid');
    case 'duration':
      return t('error.duration.invalid');
    case 'place':
      return code === 'required' ? t('error.place.required') : t('error.place.invalid');
    case 'form':
      return code === 'tooLong' ? t('error.form.tooLong') : t('error.form.invalid');
    default:
      // fallbacks / reason / reappear / key (issue 4): until they get their own wording.
      return t('error.form.invalid');
  }
}
