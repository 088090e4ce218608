/** The author's controls on their own point: disperse or cancel, each behind a confirmation step. */
import { createSignal, Match, Switch, type JSX } from 'solid-js';
import type { RecordId } from '../domain';
import { t } from '../i18n';
import { CancelConfirm } from './CancelConfirm';
import { DisperseForm } from './DisperseForm';

export function AuthorActions(props: { id: RecordId }): JSX.Element {
  const [mode, setMode] = createSignal<'idle' | 'disperse' | 'cancel'>('idle');
  return (
    <div class="author-actions" data-testid="author-actions">
      <Switch>
        <Match when={mode() === 'idle'}>
          <div class="button-row">
            <button type="button" class="warn" data-testid="disperse-button" onClick={() => setMode('disperse')}>
              {t('details.disperse')}
            </button>
            <button type="button" class="danger" data-testid="cancel-button" onClick={() => setMode('cancel')}>
              {t('details.cancel')}
            </button>
          </div>
        </Match>
        <Match when={mode() === 'disperse'}>
          <DisperseForm id={props.id} onBack={() => setMode('idle')} />
        </Match>
        <Match when={mode() === 'cancel'}>
          <CancelConfirm id={props.id} onBack={() => setMode('idle')} />
        </Match>
      </Switch>
    </div>
  );
}
