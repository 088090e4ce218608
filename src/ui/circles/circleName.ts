/** Checks a circle name as typed, before the store does, so the form can say what is wrong in words. */
import { codePoints } from '../../domain';
import { t } from '../../i18n';

/** Same bound as the invite parser's name rule (trust-design B: 1..40 code points, one line). */
export const CIRCLE_NAME_MAX = 40;

/** The refusal to show, or undefined when the name is acceptable. */
export function circleNameError(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return t('circle.error.nameRequired');
  if (/[\r\n\u2028\u2029]/.test(trimmed)) return t('circle.error.nameOneLine');
  if (codePoints(trimmed.normalize('NFC')) > CIRCLE_NAME_MAX)
    return t('circle.error.nameTooLong', { max: CIRCLE_NAME_MAX });
  return undefined;
}
