/**
 * Reads a circle invite from the address bar at start and strips it at once.
 * The fragment holds a circle key: it must not stay in the address bar, the
 * history entry, a bookmark or a screenshot of the URL, so it is removed with
 * history.replaceState before anything else runs — also when it is not a
 * valid invite (a half-pasted link still carries key material).
 */
import { inviteFromHash, type CircleInvite } from '../domain/circleInvite';
import type { Rejection } from '../domain/result';

/** The parts of `window` this needs (injected in tests). */
export interface FragmentWindow {
  readonly location: { readonly hash: string; readonly pathname: string; readonly search: string };
  readonly history: { replaceState(data: unknown, unused: string, url?: string): void };
}

export type FragmentInvite =
  | { readonly found: 'none' }
  | { readonly found: 'invite'; readonly invite: CircleInvite }
  | { readonly found: 'refused'; readonly error: Rejection };

/** Takes the invite out of the fragment (if any) and leaves the address bar without one. */
export function takeInviteFragment(win: FragmentWindow = window): FragmentInvite {
  const hash = win.location.hash;
  if (hash === '' || hash === '#') return { found: 'none' };
  // Strip first: whatever happens next, the key is out of the URL and this history entry.
  try {
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
  } catch {
    // A sandboxed frame may refuse; parsing still goes on, and there is nothing better to do.
  }
  const r = inviteFromHash(hash);
  return r.ok ? { found: 'invite', invite: r.value } : { found: 'refused', error: r.error };
}
