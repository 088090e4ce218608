/**
 * Words for a refused invite: that it is damaged and to ask for a new one,
 * then why (the class from src/domain/inviteProblem.ts). Used by the notice at
 * start and by the paste form, so both say the same thing.
 */
import type { InviteProblem } from '../../domain/inviteProblem';
import { t, type MessageKey } from '../../i18n';

const REASON = {
  'too-long': 'invite.problem.too-long',
  'not-invite': 'invite.problem.not-invite',
  'newer-version': 'invite.problem.newer-version',
  'bad-name': 'invite.problem.bad-name',
  damaged: 'invite.problem.damaged',
} as const satisfies Record<InviteProblem, MessageKey>;

/** Why, alone (one sentence). */
export function inviteReasonText(problem: InviteProblem): string {
  return t(REASON[problem]);
}

/** "This invite link is damaged or incomplete — ask for a new one." followed by why. */
export function inviteProblemText(problem: InviteProblem): string {
  return `${t('invite.damaged')} ${inviteReasonText(problem)}`;
}
