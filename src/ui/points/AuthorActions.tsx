/**
 * The author's own controls on their point: cancel (behind a confirmation
 * step) and naming co-organizers. Dispersing goes through the same alert
 * flow as everyone's (RaiseAlertButtons), where the author's alert is confirmed.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import type { RecordId } from '../../domain';
import { t } from '../../i18n';
import { CancelConfirm } from './CancelConfirm';
import { CoorganizerForm } from './CoorganizerForm';

export function AuthorActions(props: { id: RecordId }): JSX.Element {
  const [cancelling, setCancelling] = createSignal(false);
  return (
    <div class="author-actions" data-testid="author-actions">
      <CoorganizerForm id={props.id} />
      <Show
        when={cancelling()}
        fallback={
          <div class="button-row">
            <button type="button" class="danger" data-testid="cancel-button" onClick={() => setCancelling(true)}>
              {t('details.cancel')}
            </button>
          </div>
        }
      >
        <CancelConfirm id={props.id} onBack={() => setCancelling(false)} />
      </Show>
    </div>
  );
}
