/**
 * The map's markers are drawn on a canvas, which has no DOM and no keyboard
 * access. This list is their accessible counterpart: one button per point
 * on the map (every state, unlike the list view), hidden until focused.
 * Browser tests find markers here by data-point-id / data-state.
 */
import { For, type JSX } from 'solid-js';
import { formatClock, t } from '../i18n';
import { useVada } from '../state';
import { stateLabel } from './pointText';

export function MapPointIndex(): JSX.Element {
  const store = useVada();
  return (
    <nav class="map-index" aria-label={t('map.index')} data-testid="map-index">
      <ul>
        <For each={store.points()}>
          {(p) => (
            <li>
              <button
                type="button"
                data-point-id={p.id}
                data-state={p.state}
                data-reappear-target={p.reappearFrom ? 'true' : undefined}
                aria-label={t('map.pointLabel', {
                  title: p.title,
                  state: stateLabel(p.state),
                  start: formatClock(p.start, store.now()),
                  end: formatClock(p.end, store.now()),
                })}
                onClick={() => {
                  store.ui.open({ kind: 'details', id: p.id });
                  store.ui.flyTo(p.lat, p.lon);
                }}
              >
                {p.title}
              </button>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
