/** The last step before the panic wipe: one red button erases, anything else keeps the data. */
import { type JSX } from 'solid-js';
import { t } from '../../i18n';
import { usePanicWipe } from './PanicWipeProvider';

export function PanicWipeConfirm(): JSX.Element {
  const panic = usePanicWipe();
  return (
    <div class="panic-overlay">
      <div
        class="panic-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="panic-confirm-text"
        data-testid="panic-dialog"
      >
        <p id="panic-confirm-text">{t('panic.confirmText')}</p>
        <div class="button-row">
          <button
            type="button"
            class="danger"
            data-testid="panic-confirm"
            disabled={panic?.wiping()}
            ref={(el) => queueMicrotask(() => el.focus())}
            onClick={() => panic?.wipeNow()}
          >
            {panic?.wiping() ? t('panic.erasing') : t('panic.confirm')}
          </button>
          <button type="button" data-testid="panic-cancel" disabled={panic?.wiping()} onClick={() => panic?.cancel()}>
            {t('panic.keep')}
          </button>
        </div>
      </div>
    </div>
  );
}
