/**
 * The list view: upcoming and active points sorted by start (the fold's
 * order), then those that just ended, so a dispersal and its reappear link
 * are visible here too, not only on the map. The circle filter applies here too.
 */
import { createMemo, For, Show, type JSX } from 'solid-js';
import type { CircleId } from '../../domain';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { LocationToggle } from '../settings/LocationToggle';
import { circleLabelOf } from '../circles/circleText';
import { PointListItem } from './PointListItem';
import { Sheet } from '../common/Sheet';
import { useSecondTicks } from '../common/useSecondTicks';

export function ListSheet(): JSX.Element {
  const store = useVada();
  useSecondTicks();
  const live = () => store.visiblePoints().filter((p) => p.state === 'upcoming' || p.state === 'active');
  const ended = () => store.visiblePoints().filter((p) => p.state !== 'upcoming' && p.state !== 'active');
  return (
    <Sheet title={t('list.heading')} testId="list-sheet" onClose={() => store.ui.close()}>
      <LocationToggle />
      <HandOver />
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

/** Hand-over with no network: receive by text, file or QR code; share every point a circle shows. */
function HandOver(): JSX.Element {
  const store = useVada();
  const circles = createMemo(() => [...new Set<CircleId>(store.visiblePoints().map((p) => p.circle))]);
  return (
    <div class="button-row hand-over" data-testid="hand-over">
      <button type="button" data-testid="import-open" onClick={() => store.ui.open({ kind: 'import' })}>
        {t('list.receive')}
      </button>
      <For each={circles()}>
        {(id) => (
          <button
            type="button"
            data-testid="share-circle"
            data-circle={id}
            onClick={() => store.ui.open({ kind: 'share', scope: { circle: id } })}
          >
            {t('list.shareCircle', { circle: circleLabelOf((c) => store.circles.get(c), id) })}
          </button>
        )}
      </For>
    </div>
  );
}
