/** Words for circles: the open circle is always called public; a private name is peer text shown as text. */
import type { CircleId } from '../../domain';
import { t, type MessageKey } from '../../i18n';
import type { CircleView, JoinResult } from '../../state/circleTypes';
import { inviteProblemText } from './inviteProblemText';

/** How a circle is named everywhere (rows, picker, filter, details). */
export function circleLabel(c: Pick<CircleView, 'isPublic' | 'name'>): string {
  return c.isPublic ? t('circle.public') : c.name;
}

/** The label for a point's circle id; a circle no longer on this device gets a neutral word. */
export function circleLabelOf(get: (id: CircleId) => CircleView | undefined, id: CircleId): string {
  const c = get(id);
  return c ? circleLabel(c) : t('circle.unknown');
}

const REFUSAL = {
  invalid: 'circle.error.invalid',
  'already-member': 'circle.error.already-member',
  storage: 'circle.error.storage',
} as const satisfies Record<Extract<JoinResult, { ok: false }>['reason'], MessageKey>;

/** Why joining failed; for an invite that did not parse, the same words as the notice at start. */
export function joinRefusalText(r: Extract<JoinResult, { ok: false }>): string {
  return r.problem ? inviteProblemText(r.problem) : t(REFUSAL[r.reason]);
}
