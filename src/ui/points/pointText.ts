/**
 * A point's state in words: on the map's index, so in the first-load code
 * (its words are in src/i18n/enFirstScreen.ts). Countdowns, fingerprints and
 * form errors are files of their own, loaded with the sheets that show them.
 */
import type { PointState } from '../../domain';
import { t, type MessageKey } from '../../i18n';

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
