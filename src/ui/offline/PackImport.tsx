/**
 * "Import map file": a button that opens the file picker (.pmtiles), the
 * progress of the import running now (a pack may be hundreds of MB) with
 * cancel, and the last refusal in words a person can act on. Files dropped
 * on the settings sheet and files opened with or shared to Vada take the
 * same path (store.mapPacks.importFile).
 */
import { Show, type JSX } from 'solid-js';
import { PACK_EXTENSION, PACK_MIME } from '../../domain/packFileName';
import { formatBytes, t } from '../../i18n';
import { useVada } from '../../state';

export function PackImport(): JSX.Element {
  const packs = useVada().mapPacks;
  let input!: HTMLInputElement;
  const onPicked = (file: File | undefined) => {
    // Cleared at once, so picking the same file again (after a refusal) fires again.
    input.value = '';
    if (file) void packs.importFile(file, file.name);
  };
  const percent = () => {
    const task = packs.task();
    return task && task.total > 0 ? Math.min(100, Math.floor((task.written / task.total) * 100)) : 0;
  };
  return (
    <div class="pack-import">
      <button
        type="button"
        class="primary"
        data-testid="pack-import"
        disabled={packs.task() !== undefined}
        onClick={() => input.click()}
      >
        {t('pack.import')}
      </button>
      <input
        ref={input}
        type="file"
        class="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        accept={`${PACK_EXTENSION},${PACK_MIME}`}
        data-testid="pack-file-input"
        onChange={(e) => onPicked(e.currentTarget.files?.[0])}
      />
      <p class="hint">{t('pack.dropHint')}</p>
      <Show when={packs.task()}>
        {(task) => (
          <div class="pack-progress">
            <div
              role="progressbar"
              aria-label={t('pack.progressLabel')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent()}
              data-testid="pack-progress"
              class="pack-progress-bar"
            >
              <div class="pack-progress-fill" style={{ 'inline-size': `${percent()}%` }} />
            </div>
            <p>
              {t(task().kind === 'relay' ? 'pack.keeping' : 'pack.importing', {
                name: task().name,
                done: formatBytes(task().written),
                total: formatBytes(task().total),
              })}
            </p>
            <button type="button" data-testid="pack-cancel" onClick={() => packs.cancel()}>
              {t('pack.cancel')}
            </button>
          </div>
        )}
      </Show>
      <Show when={packs.refusal()}>
        {(r) => (
          <div class="alert" role="alert" data-testid="pack-problem" data-code={r().code}>
            <p>
              {t('pack.refused', { name: r().name })} {t(`pack.problem.${r().code}`)}
            </p>
            <button type="button" data-testid="pack-problem-dismiss" onClick={() => packs.dismissRefusal()}>
              {t('pack.dismiss')}
            </button>
          </div>
        )}
      </Show>
    </div>
  );
}
