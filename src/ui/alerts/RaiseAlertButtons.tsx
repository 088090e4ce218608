/**
 * Anyone can raise an alert about a point. Caution and all clear go out on
 * one tap; disperse opens a form with a reason, an optional reappear place and
 * the confirmation question. What was sent is reported through `onSent`: the
 * details sheet confirms it (AlertSentNote) where it stays on screen even when
 * a dispersal ends the point and these buttons go away.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import type { AlertKind, RecordId } from '../../domain';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { createSubmission } from '../common/createSubmission';
import { DisperseAlertForm } from './DisperseAlertForm';

/** `onSent`: an alert of `kind` was published as record `alertId`. */
export function RaiseAlertButtons(props: {
  id: RecordId;
  onSent: (kind: AlertKind, alertId: RecordId) => void;
}): JSX.Element {
  const store = useVada();
  const [form, setForm] = createSignal(false);
  const [sending, setSending] = createSignal<AlertKind>();
  const { busy, failure, run } = createSubmission();
  const mine = () => {
    const p = store.point(props.id);
    return p !== undefined && store.isMine(p);
  };

  const raise = (kind: 'caution' | 'clear') => {
    const id = props.id;
    const sent = props.onSent;
    return run(async () => {
      setSending(kind);
      try {
        const r = await store.raiseAlert(id, { kind });
        if (r.ok) sent(kind, r.id);
      } finally {
        setSending(undefined);
      }
    });
  };

  return (
    <section class="raise-alert" aria-labelledby={`raise-${props.id}`} data-testid="raise-alert">
      <h3 id={`raise-${props.id}`}>{t('alert.raiseHeading')}</h3>
      <Show
        when={!form()}
        fallback={
          <DisperseAlertForm
            id={props.id}
            onDone={(id) => {
              setForm(false);
              props.onSent('disperse', id);
            }}
            onBack={() => setForm(false)}
          />
        }
      >
        <div class="button-row raise-buttons">
          <button type="button" class="warn" data-testid="raise-disperse" onClick={() => setForm(true)}>
            <span aria-hidden="true">▲</span> {t('alert.raise.disperse')}
          </button>
          <button
            type="button"
            class="caution"
            data-testid="raise-caution"
            disabled={busy()}
            onClick={() => void raise('caution')}
          >
            <span aria-hidden="true">!</span>{' '}
            {sending() === 'caution' ? t('alert.raise.sending') : t('alert.raise.caution')}
          </button>
          <button
            type="button"
            class="clear"
            data-testid="raise-clear"
            disabled={busy()}
            onClick={() => void raise('clear')}
          >
            <span aria-hidden="true">✓</span>{' '}
            {sending() === 'clear' ? t('alert.raise.sending') : t('alert.raise.clear')}
          </button>
        </div>
      </Show>
      <Show when={!mine()}>
        <p class="hint" data-testid="alert-counts-once">
          {t('alert.countsOnce')}
        </p>
      </Show>
      <Show when={failure()}>
        <p class="alert" role="alert" data-testid="raise-failure">
          {failure()}
        </p>
      </Show>
    </section>
  );
}
