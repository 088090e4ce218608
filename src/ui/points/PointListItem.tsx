/**
 * One row of the list: title, state, countdown and (when shared) distance;
 * opens the details. The list (VirtualRows) makes the row's <li>.
 */
import { Show, type JSX } from 'solid-js';
import { distanceMeters, type PointView } from '../../domain';
import { formatDistance, t } from '../../i18n';
import { useVada } from '../../state';
import { circleLabelOf } from '../circles/circleText';
import { countdownText } from './countdownText';
import { stateLabel } from './pointText';
import { SendStateLine } from './SendStateLine';

export function PointListItem(props: { point: PointView }): JSX.Element {
  const store = useVada();
  const open = () => {
    store.ui.open({ kind: 'details', id: props.point.id });
    store.ui.flyTo(props.point.lat, props.point.lon);
  };
  return (
    <button
      type="button"
      class="point-item"
      data-point-id={props.point.id}
      data-state={props.point.state}
      data-reappear-target={props.point.reappearFrom ? 'true' : undefined}
      onClick={open}
    >
      <span class="point-title" dir="auto">
        {props.point.title}
      </span>
      <span class="point-meta">
        <span class={`badge badge-${props.point.state}`}>{stateLabel(props.point.state)}</span>
        <span class="badge badge-circle" data-testid="point-circle">
          {circleLabelOf((id) => store.circles.get(id), props.point.circle)}
        </span>
        <Show when={props.point.reappearFrom}>
          <span class="badge badge-target">{t('point.reappearTarget')}</span>
        </Show>
        <span>{countdownText(props.point, store.now())}</span>
        <SendStateLine id={props.point.id} />
        <Show when={store.location.position()}>
          {(me) => <span>{t('point.away', { distance: formatDistance(distanceMeters(me(), props.point)) })}</span>}
        </Show>
      </span>
    </button>
  );
}
