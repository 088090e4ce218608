/**
 * Reads a circle invite from the address bar at start and strips it at once.
 * The fragment holds a circle key: it must not stay in the address bar, the
 * history entry, a bookmark or a screenshot of the URL, so it is removed with
 * history.replaceState before anything else runs — also when it is not a
 * valid invite (a half-pasted link still carries key material). A refused
 * `#join…` fragment is reported with its typed refusal so the app can say why
 * the link did not work; any other fragment is not an invite and is not.
 */
import { inviteFromHash, JOIN_PREFIX, type CircleInvite, type InviteRejection } from '../domain/circleInvite';

/** The parts of `window` this needs (injected in tests). */
export interface FragmentWindow {
  readonly location: { readonly hash: string; readonly pathname: string; readonly search: string };
  readonly history: { replaceState(data: unknown, unused: string, url?: string): void };
}

export type FragmentInvite =
  | { readonly found: 'none' }
  | { readonly found: 'invite'; readonly invite: CircleInvite }
  /** The fragment started like an invite (`#join`) but is not a valid one. */
  | { readonly found: 'refused'; readonly error: InviteRejection }
  /** Some other fragment (stripped all the same). */
  | { readonly found: 'other' };

/** `#join` without its `=`: messengers sometimes percent-encode it (`#join%3D…`); still an invite that failed. */
const INVITE_MARK = JOIN_PREFIX.slice(0, -1);

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
  if (!hash.startsWith(INVITE_MARK)) return { found: 'other' };
  const r = inviteFromHash(hash);
  return r.ok ? { found: 'invite', invite: r.value } : { found: 'refused', error: r.error };
}
