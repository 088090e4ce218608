/** Invite refusals map to the classes the app words: every parser refusal lands in the right one. */
import { describe, expect, it } from 'vitest';
import type { CircleId } from '../../../src/domain/brand';
import {
  encodeInvite,
  inviteFromHash,
  inviteFromText,
  parseInvite,
  type CircleInvite,
} from '../../../src/domain/circleInvite';
import { inviteProblem, type InviteProblem } from '../../../src/domain/inviteProblem';
import { LIMITS } from '../../../src/domain/limits';
import { fakeKey } from '../../fixtures/recordBuilders';

const invite: CircleInvite = {
  v: 1,
  id: 'AAAAAAAAAAAAAAAAAAAAAA' as CircleId,
  key: 'K'.repeat(42) + 'A',
  name: 'Neighbours',
  creator: fakeKey('creator'),
  organizers: [],
};
const raw = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

function problemOf(r: ReturnType<typeof parseInvite>): InviteProblem | 'ok' {
  return r.ok ? 'ok' : inviteProblem(r.error);
}

describe('inviteProblem', () => {
  it.each<[string, string, InviteProblem]>([
    ['too long', 'A'.repeat(LIMITS.inviteChars + 1), 'too-long'],
    ['not base64url', 'not an invite!', 'not-invite'],
    ['cut short', encodeInvite(invite).slice(0, 40), 'not-invite'],
    ['not JSON', Buffer.from('hello').toString('base64url'), 'not-invite'],
    ['missing fields', raw({ v: 1, id: invite.id }), 'not-invite'],
    ['a newer version', raw({ ...invite, v: 2 }), 'newer-version'],
    ['a name too long', raw({ ...invite, name: 'x'.repeat(LIMITS.circleNameChars + 1) }), 'bad-name'],
    ['a name on two lines', raw({ ...invite, name: 'a\nb' }), 'bad-name'],
    ['a short key', raw({ ...invite, key: 'short' }), 'damaged'],
    ['a bad creator', raw({ ...invite, creator: 'nope' }), 'damaged'],
    ['a bad organizer', raw({ ...invite, organizers: ['nope'] }), 'damaged'],
  ])('%s is %s', (_what, text, expected) => {
    expect(problemOf(parseInvite(text))).toBe(expected);
  });

  it('a pasted link or fragment maps the same way, and a valid one is not a problem', () => {
    expect(problemOf(inviteFromText(`https://vada.example/#join=${'A'.repeat(LIMITS.inviteChars + 1)}`))).toBe(
      'too-long',
    );
    expect(problemOf(inviteFromHash('#map'))).toBe('not-invite');
    expect(problemOf(inviteFromText(`https://vada.example/#join=${encodeInvite(invite)}`))).toBe('ok');
  });
});
