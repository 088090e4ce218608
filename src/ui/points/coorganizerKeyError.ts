/** The refusals every "name a co-organizer" form gives before publishing: no key, or one's own key. */
import { t } from '../../i18n';

export function coorganizerKeyError(raw: string, myKey: string): string | undefined {
  const value = raw.trim();
  if (value === '') return t('coorganizer.error.required');
  if (value === myKey) return t('coorganizer.error.self');
  return undefined;
}
