/**
 * The map packs on this phone: name, rough area, zoom range and size; each
 * can be shared as its file (to pass the map on with no network) or deleted
 * after a confirmation (a pack may have taken long to get).
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { packDetailsText, packName } from './packText';

export function PackList(): JSX.Element {
  const packs = useVada().mapPacks;
  const [confirming, setConfirming] = createSignal<string>();
  return (
    <div>
      <h5>{t('pack.onPhone')}</h5>
      <Show when={packs.packs().length > 0} fallback={<p data-testid="pack-none">{t('pack.none')}</p>}>
        <ul class="pack-list" data-testid="pack-list">
          <For each={packs.packs()}>
            {(p) => (
              <li data-testid="pack-row" data-id={p.id}>
                <span class="pack-name">
                  <bdi>{packName(p)}</bdi>
                </span>{' '}
                <span class="pack-details">{packDetailsText(p)}</span>
                <Show
                  when={confirming() === p.id}
                  fallback={
                    <span class="pack-actions">
                      <button
                        type="button"
                        data-testid="pack-export"
                        aria-label={t('pack.exportLabel', { name: packName(p) })}
                        onClick={() => void packs.exportPack(p.id)}
                      >
                        {t('pack.export')}
                      </button>
                      <button
                        type="button"
                        data-testid="pack-delete"
                        aria-label={t('pack.deleteLabel', { name: packName(p) })}
                        onClick={() => setConfirming(p.id)}
                      >
                        {t('pack.delete')}
                      </button>
                    </span>
                  }
                >
                  <div class="pack-confirm" role="group" aria-label={t('pack.deleteLabel', { name: packName(p) })}>
                    <p>{t('pack.deleteConfirm', { name: packName(p) })}</p>
                    <button
                      type="button"
                      class="danger"
                      data-testid="pack-delete-confirm"
                      onClick={() => {
                        setConfirming(undefined);
                        void packs.remove(p.id);
                      }}
                    >
                      {t('pack.deleteYes')}
                    </button>
                    <button type="button" data-testid="pack-delete-cancel" onClick={() => setConfirming(undefined)}>
                      {t('pack.deleteNo')}
                    </button>
                  </div>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={packs.exported()}>
        {(o) => (
          <p role="status" data-testid="pack-exported" data-outcome={o()}>
            {t(`pack.exported.${o()}`)}
          </p>
        )}
      </Show>
    </div>
  );
}
