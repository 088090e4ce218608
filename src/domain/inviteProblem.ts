/**
 * Why an invite was refused, in the few classes a person can act on. The
 * parsers' typed refusals (code, and for `bad-field` the field) are precise
 * but mean nothing to someone holding a damaged link; the app words these
 * classes instead (src/ui/circles/inviteProblemText.ts), at start for a bad
 * `#join=` fragment and in the paste form.
 */
import type { InviteRejection } from './circleInvite';

/**
 * - `too-long`: longer than any invite can be (LIMITS.inviteChars).
 * - `not-invite`: not an invite at all, or only part of one (not base64url, not JSON, wrong fields).
 * - `newer-version`: made by a version of Vada this one does not know.
 * - `bad-name`: the circle's name breaks the text rules.
 * - `damaged`: the id, key, creator, organizers or replaced circle is malformed.
 */
export type InviteProblem = 'too-long' | 'not-invite' | 'newer-version' | 'bad-name' | 'damaged';

/** The class of an invite refusal (from parseInvite, inviteFromHash or inviteFromText). */
export function inviteProblem(error: InviteRejection): InviteProblem {
  switch (error.code) {
    case 'too-large':
      return 'too-long';
    case 'unsupported-version':
      return 'newer-version';
    case 'bad-field':
      return error.field === 'name' ? 'bad-name' : 'damaged';
    default:
      // not-json, bad-shape: not base64url, not UTF-8 JSON, or not the invite's fields.
      return 'not-invite';
  }
}
