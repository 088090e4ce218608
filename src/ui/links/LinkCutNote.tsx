/**
 * The polite line that a linked phone was cut off for sending bad data (the
 * link adapter drops a misbehaving peer at once). Said once, dismissable;
 * nothing about the other phone is shown because nothing about it is kept.
 */
import { Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { useVada } from '../../state';

export function LinkCutNote(): JSX.Element {
  const links = useVada().links;
  return (
    <Show when={links.lastCut() !== undefined}>
      <p class="state-line link-cut" role="status" data-testid="link-cut">
        <span>{t('link.cut')}</span>{' '}
        <button type="button" class="link-button" data-testid="link-cut-dismiss" onClick={() => links.dismissCut()}>
          {t('link.cutDismiss')}
        </button>
      </p>
    </Show>
  );
}
