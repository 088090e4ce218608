/** A second-tap confirmation for a circle action (re-key, leave): nothing happens until the user says yes. */
import { createSignal, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { errorDetail } from '../common/errorDetail';

export function CircleConfirm(props: {
  explain: string;
  confirmLabel: string;
  testId: string;
  /** Resolves to a refusal to show, or undefined when done. */
  onConfirm: () => Promise<string | undefined>;
  onBack: () => void;
}): JSX.Element {
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  const confirm = async () => {
    if (busy()) return;
    setBusy(true);
    setFailure(undefined);
    try {
      setFailure(await props.onConfirm());
    } catch (err) {
      setFailure(errorDetail(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="confirm" role="group" aria-label={props.confirmLabel}>
      <p>{props.explain}</p>
      <Show when={failure()}>
        <p class="alert" role="alert">
          {failure()}
        </p>
      </Show>
      <div class="button-row">
        <button
          type="button"
          class="danger"
          data-testid={props.testId}
          disabled={busy()}
          onClick={() => void confirm()}
        >
          {props.confirmLabel}
        </button>
        <button type="button" data-testid={`${props.testId}-back`} onClick={() => props.onBack()}>
          {t('circle.keep')}
        </button>
      </div>
    </div>
  );
}
