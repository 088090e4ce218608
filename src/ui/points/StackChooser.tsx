/**
 * A tap on a spot where several points sit (same place, or markers close
 * enough that their hit areas overlap at this zoom) used to open only the
 * topmost one. This sheet lists them all, nearest the tap first, as a
 * labelled list of buttons: title (peer text, rendered as text), state, time
 * window and, for a private circle, which one. Choosing one opens its details
 * exactly as a single tap does; Escape or Close dismisses it.
 */
import { For, Show, type JSX } from 'solid-js';
import type { PointView, RecordId } from '../../domain';
import { formatClock, t } from '../../i18n';
import { useVada } from '../../state';
import { circleLabelOf } from '../circles/circleText';
import { stateLabel } from './pointText';
import { Sheet } from '../common/Sheet';

/** `ids`: the points under the tap, nearest first. Points that left the map meanwhile drop out of the list. */
export function StackChooser(props: { ids: readonly RecordId[] }): JSX.Element {
  const store = useVada();
  const points = () => props.ids.map((id) => store.point(id)).filter((p): p is PointView => p !== undefined);
  return (
    <Sheet title={t('stack.heading', { count: points().length })} testId="stack-sheet" onClose={() => store.ui.close()}>
      <ul class="point-list" aria-label={t('stack.list')} data-testid="stack-list">
        <For each={points()}>{(p) => <StackItem point={p} />}</For>
      </ul>
    </Sheet>
  );
}

function StackItem(props: { point: PointView }): JSX.Element {
  const store = useVada();
  const circle = () => store.circles.get(props.point.circle);
  return (
    <li>
      <button
        type="button"
        class="point-item"
        data-point-id={props.point.id}
        data-state={props.point.state}
        onClick={() => store.ui.openPoint(props.point.id, props.point)}
      >
        <span class="point-title" dir="auto">
          {props.point.title}
        </span>
        <span class="point-meta">
          <span class={`badge badge-${props.point.state}`}>{stateLabel(props.point.state)}</span>
          <span data-testid="stack-time">
            {t('details.timeRange', {
              start: formatClock(props.point.start, store.now()),
              end: formatClock(props.point.end, store.now()),
            })}
          </span>
          <Show when={!circle()?.isPublic}>
            <span class="badge badge-circle" data-testid="stack-circle">
              {circleLabelOf((id) => store.circles.get(id), props.point.circle)}
            </span>
          </Show>
        </span>
      </button>
    </li>
  );
}
