/**
 * The question asked at start when the app was opened with an invite link
 * (already stripped from the address bar): join this circle or not. The name
 * came from whoever made the link: shown as text, never as markup.
 */
import { createSignal, createUniqueId, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { joinRefusalText } from './circleText';
import { createSubmission } from '../common/createSubmission';

export function JoinDialog(): JSX.Element {
  const store = useVada();
  const headingId = createUniqueId();
  const [refusal, setRefusal] = createSignal<string>();
  const { busy, failure, run } = createSubmission();

  const accept = () =>
    run(async () => {
      setRefusal(undefined);
      const r = await store.circles.acceptInvite();
      if (!r.ok) setRefusal(joinRefusalText(r));
    });
  const decline = () => {
    setRefusal(undefined);
    store.circles.declineInvite();
  };

  return (
    <Show when={store.circles.pendingInvite()}>
      {(invite) => (
        <section class="join-dialog" role="alertdialog" aria-labelledby={headingId} data-testid="join-dialog">
          <h2 id={headingId} data-testid="join-name">
            {t('circle.joinQuestion', { name: invite().name })}
          </h2>
          <p class="hint">{t('circle.joinExplain')}</p>
          <Show when={refusal() ?? failure()}>
            {(text) => (
              <p class="alert" role="alert" data-testid="join-error">
                {text()}
              </p>
            )}
          </Show>
          <div class="button-row">
            <button
              type="button"
              class="primary"
              data-testid="join-accept"
              disabled={busy()}
              onClick={() => void accept()}
            >
              {t('circle.joinAccept')}
            </button>
            <button type="button" data-testid="join-decline" onClick={decline}>
              {t('circle.joinDecline')}
            </button>
          </div>
        </section>
      )}
    </Show>
  );
}
