/** The small line in a point's details saying which circle it is in (public, or a private circle's name). */
import type { JSX } from 'solid-js';
import type { CircleId } from '../../domain';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { circleLabelOf } from './circleText';

export function CircleLine(props: { circle: CircleId }): JSX.Element {
  const store = useVada();
  const isPublic = () => store.circles.get(props.circle)?.isPublic ?? false;
  return (
    <p class="circle-line" data-testid="details-circle" data-circle={props.circle} data-public={String(isPublic())}>
      {t('circle.inCircle', { name: circleLabelOf((id) => store.circles.get(id), props.circle) })}
    </p>
  );
}
