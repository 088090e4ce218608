/** How a public key is shown to people. */

/** A short, readable part of a public key: enough to tell authors apart at a glance. */
export function fingerprint(key: string): string {
  return `${key.slice(0, 4)}-${key.slice(4, 8)}`;
}
