/** While a place is being picked: what to do, "use map centre", and a way out. */
import { Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { useVada } from '../../state';

export function PickBanner(): JSX.Element {
  const { ui } = useVada();
  return (
    <Show when={ui.picking()}>
      <div class="pick-banner" role="status" data-testid="pick-banner">
        <p>{t('pick.prompt')}</p>
        <div class="button-row">
          <button
            type="button"
            class="primary"
            data-testid="pick-centre"
            onClick={() => ui.completePick(ui.mapCenter())}
          >
            {t('field.useMapCentre')}
          </button>
          <button type="button" data-testid="pick-cancel" onClick={() => ui.completePick(undefined)}>
            {t('pick.cancel')}
          </button>
        </div>
      </div>
      <div class="crosshair" aria-hidden="true" />
    </Show>
  );
}
