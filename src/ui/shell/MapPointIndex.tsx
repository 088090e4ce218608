/**
 * The map's markers are drawn on a canvas, which has no DOM and no keyboard
 * access. This list is their accessible counterpart: one button per point
 * on the map (every state, unlike the list view), hidden until focused.
 * Browser tests find markers here by data-point-id / data-state, and a
 * point's headline alert by data-alert="<kind>:<trust>", its circle by data-circle.
 * Only the points the circle filter lets through are listed, like on the map.
 */
import { For, Show, type JSX } from 'solid-js';
import type { AlertStatus } from '../../domain';
import { formatClock, t } from '../../i18n';
import { useVada } from '../../state';
import { kindLabel, trustLabel } from '../alerts/alertText';
import { stateLabel } from '../points/pointText';

const alertSuffix = (h: AlertStatus) => `${kindLabel(h.kind)} (${trustLabel(h.trust)})`;

export function MapPointIndex(): JSX.Element {
  const store = useVada();
  return (
    <nav class="map-index" aria-label={t('map.index')} data-testid="map-index">
      <ul>
        <For each={store.visiblePoints()}>
          {(p) => (
            <li>
              <button
                type="button"
                data-point-id={p.id}
                data-circle={p.circle}
                data-state={p.state}
                data-reappear-target={p.reappearFrom ? 'true' : undefined}
                data-alert={p.alerts?.headline ? `${p.alerts.headline.kind}:${p.alerts.headline.trust}` : undefined}
                // The headline alert rides in the title's slot: the visible text ("title · alert")
                // must be part of the name, or speech users cannot say what they see (axe:
                // label-content-name-mismatch), and the alert is heard before the times.
                aria-label={t('map.pointLabel', {
                  title: p.title + (p.alerts?.headline ? ` · ${alertSuffix(p.alerts.headline)}` : ''),
                  state: stateLabel(p.state),
                  start: formatClock(p.start, store.now()),
                  end: formatClock(p.end, store.now()),
                })}
                onClick={() => {
                  store.ui.open({ kind: 'details', id: p.id });
                  store.ui.flyTo(p.lat, p.lon);
                }}
              >
                <span class="point-title" dir="auto">
                  {p.title}
                </span>
                {/* Text inside JSX, so it follows a headline that changes (caution, then disperse). */}
                <Show when={p.alerts?.headline}>{(h) => <>{` · ${alertSuffix(h())}`}</>}</Show>
              </button>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
