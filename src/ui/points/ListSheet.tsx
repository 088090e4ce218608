/**
 * The list view: upcoming and active points sorted by start (the fold's
 * order), then those that just ended, so a dispersal and its reappear link
 * are visible here too, not only on the map. The circle filter applies here too.
 * Both lists are virtual (VirtualRows): only the rows in view exist, so a
 * city of 10,000 points keeps 30-odd live countdowns, not 10,000.
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
import { VirtualRows } from './VirtualRows';

/** A row's height before it is measured: title, then a line of badges and the countdown. */
const ROW_ESTIMATE_PX = 78;

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
        <VirtualRows items={live()} estimate={ROW_ESTIMATE_PX} class="point-list" testId="point-list">
          {(p) => <PointListItem point={p} />}
        </VirtualRows>
      </Show>
      <Show when={ended().length > 0}>
        <h3>{t('list.ended')}</h3>
        <VirtualRows items={ended()} estimate={ROW_ESTIMATE_PX} class="point-list" testId="point-list-ended">
          {(p) => <PointListItem point={p} />}
        </VirtualRows>
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
