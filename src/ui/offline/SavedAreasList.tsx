/**
 * The saved areas with their size, a resume button for unfinished ones,
 * export as a map file (to pass the area on to other phones), and delete.
 */
import { For, Show, type JSX } from 'solid-js';
import { formatBytes, t } from '../../i18n';
import { useVada } from '../../state';

export function SavedAreasList(): JSX.Element {
  const areas = useVada().savedAreas;
  const packs = useVada().mapPacks;
  return (
    <div>
      <h5>{t('offline.saved')}</h5>
      <Show when={areas.areas().length > 0} fallback={<p>{t('offline.none')}</p>}>
        <ul class="saved-areas">
          <For each={areas.areas()}>
            {(a) => (
              <li data-testid="saved-area" data-area-id={a.id} data-state={a.state}>
                <span>{t('offline.area', { name: a.name, count: a.doneCount, size: formatBytes(a.bytes) })}</span>
                <Show when={a.state !== 'complete'}>
                  {' '}
                  ({t(areas.active()?.id === a.id ? 'offline.state.downloading' : 'offline.state.paused')}){' '}
                  <Show when={areas.active()?.id !== a.id && !areas.active()}>
                    <button type="button" data-testid="resume-area" onClick={() => void areas.resume(a.id)}>
                      {t('offline.resume')}
                    </button>
                  </Show>
                </Show>{' '}
                <Show when={a.doneCount > 0}>
                  <button
                    type="button"
                    data-testid="saved-area-export"
                    aria-label={t('pack.areaExportLabel', { name: a.name })}
                    disabled={packs.exporting() !== undefined}
                    onClick={() => void packs.exportSavedArea(a.id)}
                  >
                    {t('pack.areaExport')}
                  </button>{' '}
                </Show>
                <Show when={packs.exporting() === a.id}>
                  <span role="status" data-testid="saved-area-exporting">
                    {t('pack.areaExporting')}
                  </span>{' '}
                </Show>
                <button
                  type="button"
                  data-testid="delete-area"
                  aria-label={t('offline.deleteLabel', { name: a.name })}
                  onClick={() => void areas.remove(a.id)}
                >
                  {t('offline.delete')}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
