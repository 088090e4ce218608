/**
 * Said at start when the address bar held a `#join=` link that is not a valid
 * invite (cut short, too long, a bad name…): without it the app would open as
 * if nothing had happened and the person would not know to ask for a new
 * link. The fragment was already stripped; this only explains, until dismissed.
 */
import { Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { inviteReasonText } from './inviteProblemText';

export function InviteRefusedNotice(): JSX.Element {
  const store = useVada();
  return (
    <Show when={store.circles.refusedInvite()}>
      {(problem) => (
        <section class="join-dialog" role="alert" data-testid="invite-refused">
          <p>
            <strong>{t('invite.damaged')}</strong>
          </p>
          <p class="hint" data-testid="invite-refused-reason">
            {inviteReasonText(problem())}
          </p>
          <div class="button-row">
            <button
              type="button"
              data-testid="invite-refused-dismiss"
              onClick={() => store.circles.dismissRefusedInvite()}
            >
              {t('invite.dismiss')}
            </button>
          </div>
        </section>
      )}
    </Show>
  );
}
