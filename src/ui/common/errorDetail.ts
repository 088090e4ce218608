/**
 * The detail shown after "Could not publish: …" and in other refusals: an
 * Error's own message, or the thrown value as text. Shared by every form
 * that runs an action, so it lives below the feature folders.
 */

/** An Error's message, or the thrown value as text, for "Could not publish: …". */
export function errorDetail(e: unknown): string {
  return e instanceof Error && e.message ? e.message : String(e);
}
