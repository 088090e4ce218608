/** Words for points and form errors, all through i18n. */
import type { PointState, PointView } from '../../domain';
import { LIMITS } from '../../domain';
import { formatDuration, t, type MessageKey } from '../../i18n';
import type { DraftField, FieldError } from '../../state';

const STATE_KEYS = {
  upcoming: 'state.upcoming',
  active: 'state.active',
  ended: 'state.ended',
  dispersed: 'state.dispersed',
  cancelled: 'state.cancelled',
} as const satisfies Record<PointState, MessageKey>;

export function stateLabel(state: PointState): string {
  return t(STATE_KEYS[state]);
}

/** "starts in 12 min", "ends in 40 min", or when it leaves the map. */
export function countdownText(p: Pick<PointView, 'state' | 'start' | 'end' | 'hideAt'>, now: number): string {
  if (p.state === 'upcoming') return t('point.startsIn', { time: formatDuration(p.start - now) });
  if (p.state === 'active') return t('point.endsIn', { time: formatDuration(p.end - now) });
  return t('point.goneIn', { time: formatDuration(p.hideAt - now) });
}

/** A short, readable part of a public key: enough to tell authors apart at a glance. */
export function fingerprint(key: string): string {
  return `${key.slice(0, 4)}-${key.slice(4, 8)}`;
}

/** The message for one field's error code. */
export function fieldErrorText(field: DraftField, code: FieldError): string {
  if (code === 'controlChars') return t('error.text.controlChars');
  switch (field) {
    case 'title':
      if (code === 'tooLong') return t('error.title.tooLong', { max: LIMITS.titleChars });
      return code === 'oneLine' ? t('error.title.oneLine') : t('error.title.required');
    case 'note':
      return t('error.note.tooLong', { max: LIMITS.noteChars });
    case 'start':
      return code === 'tooFar'
        ? t('error.start.tooFar')
        : code === 'required'
          ? t('error.start.required')
          : t('error.start.invalid');
    case 'duration':
      return t('error.duration.invalid');
    case 'place':
      return code === 'required' ? t('error.place.required') : t('error.place.invalid');
    case 'form':
      return code === 'tooLong' ? t('error.form.tooLong') : t('error.form.invalid');
    default:
      // fallbacks / reason / reappear / key (issue 4): until they get their own wording.
      return t('error.form.invalid');
  }
}
