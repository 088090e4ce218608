/** A point's countdown in words, through i18n. */
import type { PointView } from '../../domain';
import { formatDuration, t } from '../../i18n';

/** "starts in 12 min", "ends in 40 min", or when it leaves the map. */
export function countdownText(p: Pick<PointView, 'state' | 'start' | 'end' | 'hideAt'>, now: number): string {
  if (p.state === 'upcoming') return t('point.startsIn', { time: formatDuration(p.start - now) });
  if (p.state === 'active') return t('point.endsIn', { time: formatDuration(p.end - now) });
  return t('point.goneIn', { time: formatDuration(p.hideAt - now) });
}
