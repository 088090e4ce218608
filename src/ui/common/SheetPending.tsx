/**
 * What an on-demand sheet (onDemand.tsx) shows while its code arrives: a
 * status the screen reader announces, focus left where it was. If the code
 * cannot arrive (offline before the service worker cached it): a short alert
 * with Try again and Close, instead of the whole app failing.
 */
import type { JSX } from 'solid-js';
import { t } from '../../i18n';
import { useVada } from '../../state';

/** A small placeholder in the sheet's place. */
export function SheetLoading(): JSX.Element {
  return (
    <div class="sheet sheet-pending" role="status" data-testid="sheet-loading">
      <p>{t('settings.languageLoading')}</p>
    </div>
  );
}

/** The sheet's code could not be loaded: try again, or close the sheet. */
export function SheetLoadFailed(props: { retry: () => void }): JSX.Element {
  const { ui } = useVada();
  return (
    <div class="sheet sheet-pending" role="alert" data-testid="sheet-load-failed">
      <p>{t('status.noNetwork')}</p>
      <div class="sheet-pending-actions">
        <button type="button" onClick={() => props.retry()}>
          {t('startup.retry')}
        </button>
        <button type="button" onClick={() => ui.close()}>
          {t('sheet.close')}
        </button>
      </div>
    </div>
  );
}
