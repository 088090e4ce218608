/**
 * Why linking two phones failed: a small closed set of codes the state and
 * the UI turn into translated words, so no browser error text reaches the
 * user. Pure, so it lives here: src/platform/phoneLink.ts rejects with these,
 * and the state reads their codes without importing platform code.
 */

/** Every way making, answering or accepting a link code can fail. */
export type PhoneLinkErrorCode =
  /** This browser has no WebRTC data channels (or they are switched off). */
  | 'unsupported'
  /** The scanned text is not a link code, or a damaged one (docs/protocol.md §15.1). */
  | 'not-link-code'
  /** An answer where an offer was expected, or an offer where an answer was. */
  | 'wrong-role'
  /** The code's time ran out (LINK.codeTtlMs), or this phone's offer did. */
  | 'expired'
  /** An answer to another phone's offer, or to an earlier offer of this one. */
  | 'wrong-session'
  /** The browser gathered no local network address to offer (no Wi-Fi or hotspot?). */
  | 'no-address'
  /** The two phones did not reach each other in time (another network, client isolation, unresolved names). */
  | 'connect-failed'
  /** The pending code was cancelled or the link closed before it was used. */
  | 'closed';

/** A typed link failure; `cause` keeps the browser's own error or the refusal for logs. */
export class PhoneLinkError extends Error {
  override readonly name = 'PhoneLinkError';
  constructor(
    readonly code: PhoneLinkErrorCode,
    options?: { cause?: unknown },
  ) {
    super(`phone link: ${code}`, options);
  }
}

/** True for a PhoneLinkError, also one made in another realm (tests, iframes). */
export function isPhoneLinkError(e: unknown): e is PhoneLinkError {
  return e instanceof PhoneLinkError || (e instanceof Error && e.name === 'PhoneLinkError' && 'code' in e);
}
