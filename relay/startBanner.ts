/**
 * What the relay prints at start, after its "listening" line: the https://
 * addresses phones can open, the certificate's SHA-256 fingerprint and a QR
 * code of the first LAN address (with TLS); or, without TLS on an address
 * phones can reach, a warning that plain http is useless to them. This screen
 * is the one trustworthy source of the fingerprint: people compare it with
 * what their browser's certificate warning shows. Pure, so it is tested
 * without starting anything.
 */
import { isIP } from 'node:net';
import { httpsUrl } from './lanAddresses';
import type { RelayTls } from './startRelay';
import { terminalQr } from './terminalQr';

export interface BannerInput {
  /** The listening host as given (--host). */
  readonly host: string;
  readonly port: number;
  /** The machine's LAN addresses that URLs can name (see urlAddresses). */
  readonly lan: readonly string[];
  readonly tls?: RelayTls;
  readonly now: Date;
  /** Draw the QR code with ANSI colours (a terminal, not a pipe). */
  readonly color?: boolean;
  /** The map packs served (`--tiles-pack`), in order. */
  readonly packs?: readonly BannerPack[];
}

/** What the banner says about one served map pack. */
export interface BannerPack {
  readonly file: string;
  readonly url: string;
  /** The pack's own name, or '' */
  readonly name: string;
  readonly minZoom: number;
  readonly maxZoom: number;
  readonly tiles: number;
  readonly bytes: number;
}

const isWildcard = (host: string) => host === '' || host === '0.0.0.0' || host === '::';
const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

/** The https:// addresses of this relay: LAN ones first, then this machine's own. */
export function secureUrls(host: string, port: number, lan: readonly string[]): { lan: string[]; local?: string } {
  if (isWildcard(host)) return { lan: lan.map((ip) => httpsUrl(ip, port)), local: httpsUrl('127.0.0.1', port) };
  if (isLoopback(host)) return { lan: [], local: httpsUrl(isIP(host) ? host : '127.0.0.1', port) };
  return { lan: [httpsUrl(host, port)] };
}

function certificateLines(tls: RelayTls, now: Date): string[] {
  const until = tls.notAfter.toISOString().slice(0, 10);
  if (tls.origin === 'files') {
    const expired = tls.notAfter.getTime() <= now.getTime();
    return [
      `Certificate from ${tls.certFile}, valid until ${until}.`,
      ...(expired ? [`WARNING: that certificate has expired: browsers will refuse it. Renew it.`] : []),
    ];
  }
  if (tls.origin === 'kept') return [`Self-signed certificate kept from ${tls.certFile}, valid until ${until}.`];
  return [
    tls.replaced
      ? `Made a NEW self-signed certificate (${tls.replaced}): its fingerprint changed, so phones must check and accept it again.`
      : `Made a self-signed certificate (${tls.certFile}), valid until ${until}.`,
  ];
}

/** A pack's name comes from the file: no terminal control characters reach the screen. */
// eslint-disable-next-line no-control-regex
const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
const megabytes = (n: number) => `${(n / 1_000_000).toFixed(n < 10_000_000 ? 1 : 0)} MB`;

/** One line per served pack, under a heading; none without packs. */
export function packLines(packs: readonly BannerPack[]): string[] {
  if (packs.length === 0) return [];
  return [
    `Map packs served to phones (${packs.length}):`,
    ...packs.map(
      (p) =>
        `  ${p.url}  ${p.name ? `"${printable(p.name)}", ` : ''}zoom ${p.minZoom}-${p.maxZoom}, ${p.tiles} tiles, ` +
        `${megabytes(p.bytes)} (${p.file})`,
    ),
  ];
}

/** The lines to print (each without a trailing newline). */
export function startBanner(input: BannerInput): string[] {
  return [...connectionLines(input), ...packLines(input.packs ?? [])];
}

function connectionLines(input: BannerInput): string[] {
  const { host, port, tls } = input;
  if (!tls) {
    if (isLoopback(host)) return [];
    return [
      `WARNING: phones cannot use Vada over plain http:// on this network: browsers allow its encryption only on`,
      `secure (https) pages, so they show an explanation instead of the app. Restart with --tls.`,
    ];
  }
  const urls = secureUrls(host, port, input.lan);
  const lines: string[] = [];
  if (urls.lan.length > 0) {
    lines.push('Open on phones on this network (the browser will warn about the certificate):');
    for (const u of urls.lan) lines.push(`  ${u}`);
  } else lines.push('Listening on this machine only: phones cannot reach it (use --host 0.0.0.0).');
  if (urls.local) lines.push(`On this machine: ${urls.local}`);
  lines.push(
    `Certificate SHA-256 fingerprint: ${tls.fingerprint}`,
    `Before continuing past the browser's warning, open its certificate details and check that they show this`,
    `fingerprint. Tell it to people only from this screen, never through a web page.`,
    ...certificateLines(tls, input.now),
  );
  const first = urls.lan[0];
  const qr = first ? terminalQr(first, input.color) : undefined;
  if (first && qr) lines.push('', `Scan to open ${first}`, ...qr);
  return lines;
}
