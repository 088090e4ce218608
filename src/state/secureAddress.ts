/**
 * The https:// address to open instead of a page that was loaded over plain
 * http. Its host is always the page's own (the one the person typed or
 * scanned); only the port can come from the relay's config, so a forged
 * config cannot send anyone to another machine.
 */

/**
 * `https://<this page's host>:<port>/`: the relay's TLS port when it said it
 * has one, else this page's port (where a relay restarted with --tls will
 * speak https).
 */
export function secureAddress(pageUrl: string, tlsPort?: number): string {
  const page = new URL(pageUrl);
  const port = tlsPort !== undefined ? String(tlsPort) : page.port;
  // Rebuilt from the host alone: no path, query or fragment (which may hold an invite key) is carried over.
  const secure = new URL(`https://${page.hostname}/`);
  secure.port = port;
  return secure.href;
}
