/** "Cancel point" confirmation: nothing is published until the second tap. */
import { Show, type JSX } from 'solid-js';
import type { RecordId } from '../../domain';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { createSubmission } from '../common/createSubmission';

export function CancelConfirm(props: { id: RecordId; onBack: () => void }): JSX.Element {
  const store = useVada();
  const { busy, failure, run } = createSubmission();
  const confirm = () => {
    const id = props.id;
    return run(() => store.cancel(id));
  };
  return (
    <div class="confirm" role="group" aria-label={t('details.cancel')}>
      <p>{t('cancel.explain')}</p>
      <Show when={failure()}>
        <p class="alert" role="alert">
          {failure()}
        </p>
      </Show>
      <div class="button-row">
        <button
          type="button"
          class="danger"
          data-testid="cancel-confirm"
          disabled={busy()}
          onClick={() => void confirm()}
        >
          {t('cancel.confirm')}
        </button>
        <button type="button" data-testid="cancel-back" onClick={() => props.onBack()}>
          {t('cancel.keep')}
        </button>
      </div>
    </div>
  );
}
