/**
 * Whether this page may use Vada's encryption at all. Browsers give WebCrypto
 * (`crypto.subtle`) and service workers only to secure contexts: https pages
 * and http://localhost. A phone that opened a laptop relay as
 * http://192.168.x.y:8765 has neither, so the app must explain what to open
 * instead before anything touches crypto or storage.
 */

/** The parts of `window` this reads (injected in tests). */
export interface ContextWindow {
  readonly isSecureContext?: boolean;
  readonly crypto?: { readonly subtle?: unknown };
  readonly location: { readonly protocol: string };
}

/**
 * 'insecure': the page is not a secure context (or lacks WebCrypto on plain
 * http, for browsers that do not report `isSecureContext`): open the https
 * address. 'no-crypto': a secure page without WebCrypto (a browser too old).
 * Undefined: fine.
 */
export type SecureContextProblem = 'insecure' | 'no-crypto';

export function secureContextProblem(win: ContextWindow = window): SecureContextProblem | undefined {
  if (win.isSecureContext === false) return 'insecure';
  if (win.crypto?.subtle) return undefined;
  return win.location.protocol === 'http:' ? 'insecure' : 'no-crypto';
}
