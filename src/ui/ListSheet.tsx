/**
 * The list view: upcoming and active points sorted by start (the fold's
 * order), then those that just ended, so a dispersal and its reappear link
 * are visible here too, not only on the map. The circle filter applies here too.
 */
import { For, Show, type JSX } from 'solid-js';
import { t } from '../i18n';
import { useVada } from '../state';
import { LocationToggle } from './LocationToggle';
import { PointListItem } from './PointListItem';
import { Sheet } from './Sheet';
import { useSecondTicks } from './useSecondTicks';

export function ListSheet(): JSX.Element {
  const store = useVada();
  useSecondTicks();
  const live = () => store.visiblePoints().filter((p) => p.state === 'upcoming' || p.state === 'active');
  const ended = () => store.visiblePoints().filter((p) => p.state !== 'upcoming' && p.state !== 'active');
  return (
    <Sheet title={t('list.heading')} testId="list-sheet" onClose={() => store.ui.close()}>
      <LocationToggle />
      <Show when={live().length > 0} fallback={<p data-testid="list-empty">{t('list.empty')}</p>}>
        <ol class="point-list" data-testid="point-list">
          <For each={live()}>{(p) => <PointListItem point={p} />}</For>
        </ol>
      </Show>
      <Show when={ended().length > 0}>
        <h3>{t('list.ended')}</h3>
        <ol class="point-list" data-testid="point-list-ended">
          <For each={ended()}>{(p) => <PointListItem point={p} />}</For>
        </ol>
      </Show>
    </Sheet>
  );
}
