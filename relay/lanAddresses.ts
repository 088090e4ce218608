/**
 * The machine's addresses as phones on the same Wi-Fi or hotspot see them,
 * and the names the relay's self-signed certificate must cover. Phones reach
 * a laptop by IP (a hotspot has no DNS for it), so every non-internal
 * interface address goes into the certificate; pure over the interface list
 * so it is tested without a network.
 */
import { isIP } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';

export type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** Loopback names every certificate covers (the operator's own browser). */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'] as const;

/** True for an IPv6 link-local address (fe80::/10), which a URL cannot name without a zone. */
export function isLinkLocalV6(ip: string): boolean {
  return isIP(ip) === 6 && /^fe[89ab]/i.test(ip);
}

/** Every non-internal address of every interface, IPv4 first, without duplicates. */
export function lanAddresses(interfaces: Interfaces): string[] {
  const all = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => !i.internal);
  const v4 = all.filter((i) => i.family === 'IPv4').map((i) => i.address);
  const v6 = all.filter((i) => i.family === 'IPv6').map((i) => i.address);
  return [...new Set([...v4, ...v6])];
}

/** The addresses worth printing as URLs: link-local IPv6 ones are left out (browsers cannot open them). */
export function urlAddresses(interfaces: Interfaces): string[] {
  return lanAddresses(interfaces).filter((ip) => !isLinkLocalV6(ip));
}

/** `https://ip:port/`, with brackets around an IPv6 address. */
export function httpsUrl(address: string, port: number): string {
  const host = isIP(address) === 6 ? `[${address}]` : address;
  return `https://${host}:${port}/`;
}

/**
 * The subject alternative names a certificate for this relay needs: the
 * loopback names, every LAN address, and the listening host when it is a
 * specific name or address (not a wildcard).
 */
export function certificateNames(host: string, interfaces: Interfaces): { dns: string[]; ips: string[] } {
  const wildcard = host === '' || host === '0.0.0.0' || host === '::';
  const extra = wildcard ? [] : [host.replace(/^\[|\]$/g, '')];
  const names = [...new Set([...LOOPBACK_NAMES, ...lanAddresses(interfaces), ...extra])];
  return { dns: names.filter((n) => isIP(n) === 0), ips: names.filter((n) => isIP(n) !== 0) };
}
