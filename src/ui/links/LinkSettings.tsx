/**
 * Settings › Nearby phones: link a phone (opens the link sheet), how many
 * are linked now, "Disconnect all", and one line saying what a link shares,
 * so nobody links a stranger's phone thinking it sees everything or nothing.
 */
import { Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { LinkCutNote } from './LinkCutNote';

export function LinkSettings(): JSX.Element {
  const store = useVada();
  const count = () => store.links.count();
  return (
    <section class="settings-section" aria-labelledby="links-heading">
      <h4 id="links-heading" class="visually-hidden">
        {t('settings.linkPhone')}
      </h4>
      <p class="hint">{t('settings.linkShares')}</p>
      <p class="state-line" data-testid="link-settings-count" data-count={count()}>
        <Show when={count() > 0} fallback={t('settings.linkNone')}>
          {t('settings.linkCount', { count: count() })}
        </Show>
      </p>
      <LinkCutNote />
      <div class="button-row">
        <button type="button" class="primary" data-testid="link-phone" onClick={() => store.ui.open({ kind: 'link' })}>
          {t('settings.linkPhone')}
        </button>
        <button
          type="button"
          data-testid="link-disconnect-all"
          disabled={count() === 0}
          onClick={() => store.links.disconnectAll()}
        >
          {t('settings.linkDisconnectAll')}
        </button>
      </div>
    </section>
  );
}
