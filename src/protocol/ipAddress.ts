/**
 * IP addresses as the bytes a phone-link code carries (docs/protocol.md §15.1):
 * strict parsing of the dotted IPv4 and the RFC 4291 IPv6 text forms a
 * browser writes in its ICE candidates, and the one canonical text form of
 * each (RFC 5952 for IPv6), so an address read back from a code is spelled the
 * same way on every phone. Pure and total: bad text gives undefined.
 */

const DEC_OCTET = /^(?:0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** The 4 bytes of a dotted-quad IPv4 address (no leading zeros, each part 0–255), or undefined. */
export function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => DEC_OCTET.test(p) && Number(p) <= 255)) return undefined;
  return Uint8Array.from(parts, Number);
}

/** Groups of hex text (each 1–4 digits) as 16-bit numbers; a last part may be a dotted IPv4 (two groups). */
function groups(parts: readonly string[], allowIpv4Tail: boolean): number[] | undefined {
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] ?? '';
    if (HEX_GROUP.test(p)) out.push(parseInt(p, 16));
    else if (allowIpv4Tail && i === parts.length - 1 && p.includes('.')) {
      const v4 = parseIpv4(p);
      if (!v4) return undefined;
      out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else return undefined;
  }
  return out;
}

/** The 16 bytes of an IPv6 address in any RFC 4291 text form (no zone id), or undefined. */
export function parseIpv6(text: string): Uint8Array | undefined {
  if (text.length > 45 || text.includes('%')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  let words: number[] | undefined;
  if (halves.length === 1) {
    words = groups(text.split(':'), true);
    if (words?.length !== 8) return undefined;
  } else {
    const [head = '', tail = ''] = halves;
    const h = head === '' ? [] : groups(head.split(':'), false);
    const t = tail === '' ? [] : groups(tail.split(':'), true);
    if (!h || !t || h.length + t.length > 7) return undefined;
    words = [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  }
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

/** The dotted-quad text of 4 bytes. */
export function formatIpv4(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4)).join('.');
}

/** The RFC 5952 text of 16 bytes: lowercase, no leading zeros, the longest run (≥ 2) of zero groups as `::`, the first on a tie. */
export function formatIpv6(bytes: Uint8Array): string {
  const words = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = (ws: number[]) => ws.map((w) => w.toString(16)).join(':');
  if (best < 0) return hex(words);
  return `${hex(words.slice(0, best))}::${hex(words.slice(best + bestLen))}`;
}
