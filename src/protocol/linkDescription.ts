/**
 * A phone link's WebRTC session description shrunk to what differs between
 * two links (docs/protocol.md §15.1): ICE credentials, the DTLS certificate
 * fingerprint and a few host addresses. Everything else of the SDP is fixed
 * by Vada (one data channel, nothing else), so it is rebuilt from a template
 * instead of travelling: that is what lets a description fit one QR code a
 * phone reads at arm's length. Pure text work, no browser types.
 */
import { LINK } from '../domain/limits';
import { ok, refuse, type Result } from '../domain/result';
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from './ipAddress';

/** Who made the description: the phone that shows the first code (offer) or the one that scanned it (answer). */
export type LinkRole = 'offer' | 'answer';

/** One UDP host candidate: an IPv4 or IPv6 address, or the mDNS name (`<uuid>.local`) a browser hides an address behind. */
export interface LinkCandidate {
  readonly kind: 'ipv4' | 'ipv6' | 'mdns';
  /** Canonical text: dotted quad, RFC 5952 IPv6, or a lowercase `<uuid>.local`. */
  readonly address: string;
  /** 1 to 65535. */
  readonly port: number;
}

/** What a link code carries. */
export interface LinkDescription {
  readonly role: LinkRole;
  /** 8 random bytes as 16 lowercase hex digits; an answer repeats its offer's. */
  readonly session: string;
  /** When the code's maker gives up on it (ms since the epoch, a whole second). */
  readonly expiresAt: number;
  /** ICE username fragment (ice-chars, 4 to LINK.codeUfragChars). */
  readonly ufrag: string;
  /** ICE password (ice-chars, 22 to LINK.codePwdChars). */
  readonly pwd: string;
  /** SHA-256 fingerprint of the DTLS certificate, 64 lowercase hex digits. */
  readonly fingerprint: string;
  /** 1 to LINK.codeCandidates host candidates, most preferred first. */
  readonly candidates: readonly LinkCandidate[];
}

/** What the caller adds to a browser's SDP: the session id and the expiry. */
export interface LinkMeta {
  readonly session: string;
  readonly expiresAt: number;
}

/** The fixed parts of the template (docs/protocol.md §15.1). */
export const LINK_SCTP_PORT = 5000;
export const LINK_MAX_MESSAGE_SIZE = 262144;
export const UFRAG_MIN_CHARS = 4;
export const PWD_MIN_CHARS = 22;

const ICE_CHARS = /^[A-Za-z0-9+/]*$/;
const SESSION = /^[0-9a-f]{16}$/;
const FINGERPRINT = /^[0-9a-f]{64}$/;
const UUID_LOCAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.local$/;
const MAX_EXPIRY_SECONDS = 0xffffffff;

/** True for an address a link may point a phone at: not unspecified, loopback, link-local, multicast or broadcast. */
export function usableAddress(kind: 'ipv4' | 'ipv6', bytes: Uint8Array): boolean {
  const b0 = bytes[0] ?? 0;
  if (kind === 'ipv4') return b0 !== 0 && b0 !== 127 && b0 < 224;
  const allZeroUpTo15 = bytes.subarray(0, 15).every((b) => b === 0);
  if (allZeroUpTo15 && (bytes[15] === 0 || bytes[15] === 1)) return false; // :: and ::1
  if (b0 === 0xff) return false; // multicast
  return !(b0 === 0xfe && ((bytes[1] ?? 0) & 0xc0) === 0x80); // fe80::/10
}

/** The canonical candidate for an address text, or undefined when it is none a link carries. */
export function candidateOf(address: string, port: number): LinkCandidate | undefined {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  const lower = address.toLowerCase();
  if (UUID_LOCAL.test(lower)) return { kind: 'mdns', address: lower, port };
  const v4 = parseIpv4(address);
  if (v4) return usableAddress('ipv4', v4) ? { kind: 'ipv4', address: formatIpv4(v4), port } : undefined;
  const v6 = parseIpv6(address);
  if (v6) return usableAddress('ipv6', v6) ? { kind: 'ipv6', address: formatIpv6(v6), port } : undefined;
  return undefined;
}

/** Why `desc` breaks a bound (as a Result), checked for every description made or read. */
export function checkDescription(desc: LinkDescription): Result<LinkDescription> {
  const bad = (detail: string) => refuse('bad-link-code', detail);
  if (desc.role !== 'offer' && desc.role !== 'answer') return bad('role is neither offer nor answer');
  if (!SESSION.test(desc.session)) return bad('session id is not 8 bytes');
  const seconds = desc.expiresAt / 1000;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_EXPIRY_SECONDS)
    return bad('expiry is not a whole second in range');
  if (desc.ufrag.length < UFRAG_MIN_CHARS || desc.ufrag.length > LINK.codeUfragChars || !ICE_CHARS.test(desc.ufrag))
    return bad(`ICE username fragment is not ${UFRAG_MIN_CHARS} to ${LINK.codeUfragChars} ice-chars`);
  if (desc.pwd.length < PWD_MIN_CHARS || desc.pwd.length > LINK.codePwdChars || !ICE_CHARS.test(desc.pwd))
    return bad(`ICE password is not ${PWD_MIN_CHARS} to ${LINK.codePwdChars} ice-chars`);
  if (!FINGERPRINT.test(desc.fingerprint)) return bad('fingerprint is not a SHA-256 digest');
  if (desc.candidates.length < 1 || desc.candidates.length > LINK.codeCandidates)
    return bad(`not 1 to ${LINK.codeCandidates} candidates`);
  for (const c of desc.candidates) {
    const canonical = candidateOf(c.address, c.port);
    if (canonical?.kind !== c.kind || canonical.address !== c.address) return bad('a candidate is not usable');
  }
  return ok(desc);
}

/** The value of the only `a=<name>:` line (session or media level), or undefined when there is none or several. */
function attribute(lines: readonly string[], name: string): string | undefined {
  const found = lines.filter((l) => l.startsWith(`a=${name}:`));
  return found.length === 1 ? found[0]?.slice(name.length + 3).trim() : undefined;
}

/** The UDP host candidates of an SDP, most preferred first, duplicates dropped. */
function hostCandidates(lines: readonly string[]): LinkCandidate[] {
  const found: Array<{ c: LinkCandidate; priority: number }> = [];
  for (const line of lines) {
    if (!line.startsWith('a=candidate:')) continue;
    // foundation component transport priority address port "typ" type ...
    const f = line.slice('a=candidate:'.length).trim().split(/\s+/);
    if (f.length < 8 || f[1] !== '1' || f[2]?.toLowerCase() !== 'udp' || f[6] !== 'typ' || f[7] !== 'host') continue;
    const c = candidateOf(f[4] ?? '', /^\d{1,5}$/.test(f[5] ?? '') ? Number(f[5]) : NaN);
    if (c && !found.some((x) => x.c.address === c.address && x.c.port === c.port))
      found.push({ c, priority: Number(f[3]) || 0 });
  }
  return found.sort((a, b) => b.priority - a.priority).map((x) => x.c);
}

/**
 * The link description of a browser's complete local SDP (ICE gathering done):
 * refused with `unsupported-sdp` when the SDP is not one data channel with a
 * sha-256 fingerprint, SCTP port 5000 and the DTLS role the template rebuilds
 * (actpass for an offer, active for an answer), or has no usable host
 * candidate; keeps the LINK.codeCandidates most preferred UDP host candidates.
 */
export function compactDescription(sdp: string, role: LinkRole, meta: LinkMeta): Result<LinkDescription> {
  const unsupported = (detail: string) => refuse('unsupported-sdp', detail);
  const lines = sdp.split(/\r?\n/).map((l) => l.trim());
  const media = lines.filter((l) => l.startsWith('m='));
  if (media.length !== 1 || !/^m=application \d+ UDP\/DTLS\/SCTP webrtc-datachannel$/.test(media[0] ?? ''))
    return unsupported('not exactly one data-channel media section');
  const ufrag = attribute(lines, 'ice-ufrag');
  const pwd = attribute(lines, 'ice-pwd');
  if (ufrag === undefined || pwd === undefined) return unsupported('no single ICE username fragment and password');
  const fp = lines
    .filter((l) => l.toLowerCase().startsWith('a=fingerprint:sha-256 '))
    .map((l) => l.slice('a=fingerprint:sha-256 '.length).trim());
  if (fp.length !== 1 || !/^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){31}$/.test(fp[0] ?? ''))
    return unsupported('no single sha-256 fingerprint');
  const setup = attribute(lines, 'setup');
  if (setup !== (role === 'offer' ? 'actpass' : 'active')) return unsupported(`DTLS setup ${setup ?? 'missing'}`);
  const sctp = attribute(lines, 'sctp-port');
  if (sctp !== String(LINK_SCTP_PORT)) return unsupported(`SCTP port ${sctp ?? 'missing'}`);
  const candidates = hostCandidates(lines);
  if (candidates.length === 0) return unsupported('no usable UDP host candidate');
  return checkDescription({
    role,
    session: meta.session,
    expiresAt: Math.floor(meta.expiresAt / 1000) * 1000,
    ufrag,
    pwd,
    fingerprint: (fp[0] ?? '').replace(/:/g, '').toLowerCase(),
    candidates: candidates.slice(0, LINK.codeCandidates),
  });
}

/** ICE priority of the i-th candidate: type preference 126 (host), local preference falling with i, component 1. */
export function candidatePriority(i: number): number {
  return 126 * 2 ** 24 + (65535 - i) * 2 ** 8 + 255;
}

/** The SDP the template rebuilds from a description, for the other phone's setRemoteDescription. */
export function expandDescription(desc: LinkDescription): string {
  const sessionNumber = BigInt(`0x${desc.session}`) & 0x7fffffffffffffffn;
  const fingerprint = (desc.fingerprint.toUpperCase().match(/../g) ?? []).join(':');
  const lines = [
    'v=0',
    `o=- ${sessionNumber} 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'a=msid-semantic: WMS',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    'c=IN IP4 0.0.0.0',
    ...desc.candidates.map(
      (c, i) => `a=candidate:${i + 1} 1 udp ${candidatePriority(i)} ${c.address} ${c.port} typ host`,
    ),
    'a=end-of-candidates',
    `a=ice-ufrag:${desc.ufrag}`,
    `a=ice-pwd:${desc.pwd}`,
    `a=fingerprint:sha-256 ${fingerprint}`,
    `a=setup:${desc.role === 'offer' ? 'actpass' : 'active'}`,
    'a=mid:0',
    `a=sctp-port:${LINK_SCTP_PORT}`,
    `a=max-message-size:${LINK_MAX_MESSAGE_SIZE}`,
  ];
  return `${lines.join('\r\n')}\r\n`;
}
