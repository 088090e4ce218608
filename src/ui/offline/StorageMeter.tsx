/** Used / available storage, whether the browser keeps Vada's data, and a clear warning when nearly full. */
import { Show, type JSX } from 'solid-js';
import { formatBytes, t } from '../../i18n';
import { useVada } from '../../state';

export function StorageMeter(): JSX.Element {
  const storage = useVada().storage;
  const warn = () => storage.level() === 'nearlyFull' || storage.level() === 'full';
  return (
    <div data-testid="storage-meter">
      <Show when={storage.figures()} fallback={<p>{t('storage.unknown')}</p>}>
        {(f) => (
          <>
            <p data-testid="storage-usage">
              {t('storage.usage', { used: formatBytes(f().usage), quota: formatBytes(f().quota) })}
            </p>
            <meter min={0} max={f().quota} value={f().usage} high={f().quota * 0.8} aria-label={t('storage.heading')} />
          </>
        )}
      </Show>
      <Show when={storage.persisted() !== undefined}>
        <p data-testid="storage-persisted">
          {storage.persisted() ? t('storage.persisted') : t('storage.notPersisted')}
        </p>
      </Show>
      <Show when={warn()}>
        <p class="alert" role="alert" data-testid="storage-warning">
          {storage.level() === 'full' ? t('storage.full') : t('storage.nearlyFull')} {t('storage.dropOrder')}
        </p>
      </Show>
    </div>
  );
}
