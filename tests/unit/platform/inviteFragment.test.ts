/** The invite fragment is read once and always stripped from the address bar, valid or not. */
import { describe, expect, it } from 'vitest';
import type { CircleId } from '../../../src/domain/brand';
import { encodeInvite, type CircleInvite } from '../../../src/domain/circleInvite';
import { takeInviteFragment, type FragmentWindow } from '../../../src/platform/inviteFragment';
import { fakeKey } from '../../fixtures/recordBuilders';

function fakeWindow(hash: string, opts: { throwOnReplace?: boolean } = {}) {
  const calls: { data: unknown; url: string | undefined }[] = [];
  const location = { hash, pathname: '/app/', search: '?relay=wss%3A%2F%2Fr.example' };
  const win: FragmentWindow = {
    location,
    history: {
      replaceState(data, _unused, url) {
        calls.push({ data, url });
        if (opts.throwOnReplace) throw new Error('SecurityError');
        location.hash = '';
      },
    },
  };
  return { win, calls, location };
}

const invite: CircleInvite = {
  v: 1,
  id: 'AAAAAAAAAAAAAAAAAAAAAA' as CircleId,
  key: 'K'.repeat(42) + 'A',
  name: 'Friends',
  creator: fakeKey('creator'),
  organizers: [],
};

describe('takeInviteFragment', () => {
  it('returns a valid invite and strips the fragment, keeping path and query', () => {
    const { win, calls, location } = fakeWindow(`#join=${encodeInvite(invite)}`);
    expect(takeInviteFragment(win)).toEqual({ found: 'invite', invite });
    expect(calls).toEqual([{ data: null, url: '/app/?relay=wss%3A%2F%2Fr.example' }]);
    expect(location.hash).toBe('');
  });

  it.each([
    ['#join=garbage!', 'not-json'],
    ['#join=', 'not-json'],
    [`#join=${encodeInvite(invite).slice(0, 30)}`, 'not-json'],
    [`#join%3D${encodeInvite(invite)}`, 'bad-shape'],
    [`#join=${'A'.repeat(2001)}`, 'too-large'],
    [`#join=${encodeInvite({ ...invite, name: 'x'.repeat(41) })}`, 'bad-field'],
  ])('strips %s too and refuses it with the typed code %s', (hash, code) => {
    const { win, calls } = fakeWindow(hash);
    const r = takeInviteFragment(win);
    expect(r).toMatchObject({ found: 'refused', error: { code } });
    expect(calls).toHaveLength(1);
  });

  it('strips a fragment that is not an invite but does not report it as one', () => {
    const { win, calls, location } = fakeWindow('#something-else');
    expect(takeInviteFragment(win)).toEqual({ found: 'other' });
    expect(calls).toHaveLength(1);
    expect(location.hash).toBe('');
  });

  it('does nothing without a fragment', () => {
    const { win, calls } = fakeWindow('');
    expect(takeInviteFragment(win)).toEqual({ found: 'none' });
    expect(calls).toHaveLength(0);
  });

  it('still parses when the browser refuses replaceState', () => {
    const { win, calls } = fakeWindow(`#join=${encodeInvite(invite)}`, { throwOnReplace: true });
    expect(takeInviteFragment(win)).toEqual({ found: 'invite', invite });
    expect(calls).toHaveLength(1);
  });
});
