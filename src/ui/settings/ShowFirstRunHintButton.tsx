/**
 * Brings the first-run hint back (placed in Settings): the hint is shown only
 * until it is dismissed once, so this is how to read it again. It closes the
 * open sheet, because the hint waits while any sheet is on screen.
 */
import type { JSX } from 'solid-js';
import { t } from '../../i18n';
import { useVada } from '../../state';

/** A button that shows the first-run hint over the map again. */
export function ShowFirstRunHintButton(): JSX.Element {
  const store = useVada();
  return (
    <button
      type="button"
      data-testid="first-run-hint-show"
      onClick={() => {
        store.firstRun.show();
        store.ui.close();
      }}
    >
      {t('firstRun.showAgain')}
    </button>
  );
}
