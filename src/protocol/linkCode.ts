/**
 * The phone-link code (docs/protocol.md §15.1): a link description
 * (./linkDescription.ts) as bytes, in base45 behind the `VADA-L1:` marker.
 * Marker and base45 are both in QR's alphanumeric alphabet, so a code is drawn
 * in that denser mode and one offer or answer fits one small QR code. A code
 * is scanned from someone else's screen: reading it checks the length first,
 * then every field against its bound, and never throws.
 */
import { LIMITS, LINK } from '../domain/limits';
import { ok, refuse, type Result } from '../domain/result';
import { base45Decode, base45Encode } from './base45';
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from './ipAddress';
import { checkDescription, type LinkCandidate, type LinkDescription, type LinkRole } from './linkDescription';
import { LINK_CODE_MARKER } from './linkCodeMarker';

export { isLinkCode, LINK_CODE_MARKER } from './linkCodeMarker';

export {
  compactDescription,
  expandDescription,
  type LinkCandidate,
  type LinkDescription,
  type LinkMeta,
  type LinkRole,
} from './linkDescription';

/** A link code of another version, told apart so it is refused as such. */
const OTHER_VERSION = /^VADA-L(\d{1,3}):/;

const ROLE_BYTE: Record<LinkRole, number> = { offer: 1, answer: 2 };
const KIND_BYTE: Record<LinkCandidate['kind'], number> = { ipv4: 4, ipv6: 6, mdns: 0x6d };
const ADDRESS_BYTES: Record<LinkCandidate['kind'], number> = { ipv4: 4, ipv6: 16, mdns: 16 };

const hexBytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
const hexOf = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function addressBytes(c: LinkCandidate): Uint8Array {
  if (c.kind === 'ipv4') return parseIpv4(c.address) ?? new Uint8Array(4);
  if (c.kind === 'ipv6') return parseIpv6(c.address) ?? new Uint8Array(16);
  return hexBytes(c.address.slice(0, -'.local'.length).replace(/-/g, ''));
}

function uuidLocal(b: Uint8Array): string {
  const h = hexOf(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}.local`;
}

/** The binary form (docs/protocol.md §15.1): role, session, expiry, fingerprint, ufrag, pwd, candidates. */
export function linkCodeBytes(desc: LinkDescription): Uint8Array {
  const checked = checkDescription(desc);
  if (!checked.ok) throw new RangeError(`not a valid link description: ${checked.error.detail}`);
  const ascii = (s: string) => [s.length, ...Array.from(s, (ch) => ch.charCodeAt(0))];
  const seconds = desc.expiresAt / 1000;
  const out = [
    ROLE_BYTE[desc.role],
    ...hexBytes(desc.session),
    (seconds >>> 24) & 0xff,
    (seconds >>> 16) & 0xff,
    (seconds >>> 8) & 0xff,
    seconds & 0xff,
    ...hexBytes(desc.fingerprint),
    ...ascii(desc.ufrag),
    ...ascii(desc.pwd),
    desc.candidates.length,
  ];
  for (const c of desc.candidates) out.push(KIND_BYTE[c.kind], ...addressBytes(c), c.port >> 8, c.port & 0xff);
  return Uint8Array.from(out);
}

/** The code text of a valid description (throws RangeError on one that breaks a bound: a bug, not input). */
export function encodeLinkCode(desc: LinkDescription): string {
  return LINK_CODE_MARKER + base45Encode(linkCodeBytes(desc));
}

/** Reads the binary form; every read is bounds-checked and the whole description checked after. */
function readBytes(bytes: Uint8Array): Result<LinkDescription> {
  let at = 0;
  const take = (n: number): Uint8Array | undefined => {
    if (at + n > bytes.length) return undefined;
    at += n;
    return bytes.subarray(at - n, at);
  };
  const bad = (detail: string) => refuse('bad-link-code', detail);
  const head = take(1 + 8 + 4 + 32);
  if (!head) return bad('too short');
  const role = head[0] === 1 ? 'offer' : head[0] === 2 ? 'answer' : undefined;
  if (!role) return bad('role is neither offer nor answer');
  const seconds = (((head[9] ?? 0) << 24) >>> 0) + ((head[10] ?? 0) << 16) + ((head[11] ?? 0) << 8) + (head[12] ?? 0);
  const text = (max: number): string | undefined => {
    const len = take(1)?.[0];
    if (len === undefined || len > max) return undefined;
    const raw = take(len);
    return raw && String.fromCharCode(...raw);
  };
  const ufrag = text(LINK.codeUfragChars);
  if (ufrag === undefined) return bad('ICE username fragment too long or cut off');
  const pwd = text(LINK.codePwdChars);
  if (pwd === undefined) return bad('ICE password too long or cut off');
  const count = take(1)?.[0];
  if (count === undefined || count < 1 || count > LINK.codeCandidates)
    return bad(`not 1 to ${LINK.codeCandidates} candidates`);
  const candidates: LinkCandidate[] = [];
  for (let i = 0; i < count; i++) {
    const kindByte = take(1)?.[0];
    const kind = (Object.keys(KIND_BYTE) as Array<LinkCandidate['kind']>).find((k) => KIND_BYTE[k] === kindByte);
    if (!kind) return bad(`candidate ${i + 1}: unknown address kind`);
    const addr = take(ADDRESS_BYTES[kind]);
    const port = take(2);
    if (!addr || !port) return bad(`candidate ${i + 1}: cut off`);
    const address = kind === 'ipv4' ? formatIpv4(addr) : kind === 'ipv6' ? formatIpv6(addr) : uuidLocal(addr);
    candidates.push({ kind, address, port: ((port[0] ?? 0) << 8) | (port[1] ?? 0) });
  }
  if (at !== bytes.length) return bad('bytes after the last candidate');
  return checkDescription({
    role,
    session: hexOf(head.subarray(1, 9)),
    expiresAt: seconds * 1000,
    ufrag,
    pwd,
    fingerprint: hexOf(head.subarray(13, 45)),
    candidates,
  });
}

/**
 * The description in a scanned or pasted link code, or a typed refusal:
 * `too-large` (over LINK.codeChars, checked first), `not-link-code` (no marker,
 * not base45), `unsupported-version` (`VADA-L<n>:` of another version),
 * `bad-link-code` (a field out of bounds, including an expiry further ahead
 * than a code can be made for) or `link-expired` (its expiry passed, by the
 * reader's clock `now` with LIMITS.futureSkewMs of slack). Never throws.
 */
export function decodeLinkCode(text: unknown, now: number): Result<LinkDescription> {
  if (typeof text !== 'string') return refuse('not-link-code', 'not text');
  // Sized before any work; a little room for white space a scanner or a paste adds around the code.
  const t = text.length > 2 * LINK.codeChars ? text : text.trim();
  if (t.length > LINK.codeChars) return refuse('too-large', `longer than ${LINK.codeChars} characters`);
  if (!t.startsWith(LINK_CODE_MARKER)) {
    const other = OTHER_VERSION.exec(t);
    return other
      ? refuse('unsupported-version', `link code version ${other[1]}`)
      : refuse('not-link-code', `no ${LINK_CODE_MARKER} marker`);
  }
  const bytes = base45Decode(t.slice(LINK_CODE_MARKER.length));
  if (!bytes) return refuse('not-link-code', 'not base45');
  const read = readBytes(bytes);
  if (!read.ok) return read;
  const { expiresAt } = read.value;
  if (expiresAt > now + LINK.codeTtlMs + LIMITS.futureSkewMs)
    return refuse('bad-link-code', 'expiry further ahead than a code is made for');
  if (expiresAt + LIMITS.futureSkewMs < now) return refuse('link-expired', 'the code has expired');
  return ok(read.value);
}
