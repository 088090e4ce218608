/**
 * What a bundle would add, before anything is merged: how many points and
 * alerts from how many authors, the points' titles (peer text, shown as
 * text and isolated from the surrounding direction), what this phone already
 * had, and every refused record with its reason. Valid records are kept even
 * when others in the same bundle were refused.
 */
import { For, Show, type JSX } from 'solid-js';
import type { RejectionCode } from '../../domain';
import { formatList, t } from '../../i18n';
import type { ImportPreview as Preview } from '../../state';
import { importRefusalKey } from './importRefusalText';

export function ImportPreview(props: { preview: Preview; onMerge: () => void; onDiscard: () => void }): JSX.Element {
  const records = () => props.preview.fresh.map((f) => f.record);
  const points = () => records().flatMap((r) => (r.kind === 'point' ? [r] : []));
  const count = (kinds: readonly string[]) => records().filter((r) => kinds.includes(r.kind)).length;
  const authors = () => new Set(records().map((r) => r.author)).size;
  const lines = (): string[] =>
    [
      points().length > 0 ? t('import.points', { count: points().length }) : '',
      count(['alert', 'disperse', 'cancel']) > 0
        ? t('import.alerts', { count: count(['alert', 'disperse', 'cancel']) })
        : '',
      count(['coorganizer', 'organizer']) > 0
        ? t('import.organizers', { count: count(['coorganizer', 'organizer']) })
        : '',
    ].filter((s) => s !== '');
  return (
    <div class="import-preview" data-testid="import-preview">
      <Show when={records().length > 0} fallback={<p data-testid="import-nothing-new">{t('import.nothingNew')}</p>}>
        <p data-testid="import-summary">
          {t('import.summary', { what: formatList(lines()), senders: t('import.senders', { count: authors() }) })}
        </p>
        <Show when={points().length > 0}>
          <ul class="import-titles" data-testid="import-titles">
            <For each={points()}>
              {(p) => (
                <li>
                  <bdi>{p.payload.title}</bdi>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <Show when={props.preview.known > 0}>
        <p class="hint" data-testid="import-known">
          {t('import.known', { count: props.preview.known })}
        </p>
      </Show>
      <Show when={props.preview.refused.length > 0}>
        <p data-testid="import-refused-count">{t('import.refusedCount', { count: props.preview.refused.length })}</p>
        <ul class="import-refused" data-testid="import-refused">
          <For each={props.preview.refused}>
            {(r) => (
              <li data-code={r.code}>
                {r.index > 0
                  ? t('import.refusedRecord', { n: r.index, reason: reasonText(r.code) })
                  : t('import.refusedBundle', { reason: reasonText(r.code) })}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <For each={props.preview.damaged}>
        {(d) => (
          <p class="warning" data-testid="import-damaged">
            {t('import.damaged', { n: d.index })}
          </p>
        )}
      </For>
      <div class="button-row">
        <Show when={records().length > 0}>
          <button type="button" class="primary" data-testid="import-merge" onClick={() => props.onMerge()}>
            {t('import.merge', { count: records().length })}
          </button>
        </Show>
        <button type="button" data-testid="import-discard" onClick={() => props.onDiscard()}>
          {records().length > 0 ? t('import.discard') : t('import.close')}
        </button>
      </div>
    </div>
  );
}

function reasonText(code: RejectionCode): string {
  return t(importRefusalKey(code));
}
