/**
 * Link codes (docs/protocol.md §15.1): real Chromium session descriptions
 * shrink to a code and grow back into an SDP with the same credentials,
 * fingerprint and addresses; every malformed field of a scanned code is
 * refused with its typed code; and the QR size of a typical offer and answer.
 */
import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';
import { LIMITS, LINK } from '../../../src/domain/limits';
import type { RejectionCode } from '../../../src/domain/result';
import { base45Encode } from '../../../src/protocol/base45';
import {
  compactDescription,
  decodeLinkCode,
  encodeLinkCode,
  expandDescription,
  isLinkCode,
  LINK_CODE_MARKER,
  linkCodeBytes,
  type LinkDescription,
  type LinkRole,
} from '../../../src/protocol/linkCode';
import { CHROMIUM_SDP } from '../../fixtures/chromiumSdp';

const NOW = Date.UTC(2026, 4, 1, 12, 0, 0);
const META = { session: '0123456789abcdef', expiresAt: NOW + LINK.codeTtlMs };

function compact(sdp: string, role: LinkRole): LinkDescription {
  const r = compactDescription(sdp, role, META);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.detail}`);
  return r.value;
}

/** The attribute values an SDP's peer acts on: credentials, fingerprint, setup, UDP host candidates (address port). */
function essentials(sdp: string) {
  const lines = sdp.split(/\r\n/);
  const value = (name: string) => lines.find((l) => l.startsWith(`a=${name}:`))?.slice(name.length + 3);
  return {
    ufrag: value('ice-ufrag'),
    pwd: value('ice-pwd'),
    fingerprint: value('fingerprint')?.toUpperCase(),
    setup: value('setup'),
    sctp: value('sctp-port'),
    candidates: lines
      .filter((l) => l.startsWith('a=candidate:') && / udp /i.test(l) && / typ host/.test(l))
      .map((l) => l.split(' ').slice(4, 6).join(' '))
      .sort(),
  };
}

const qrVersion = (text: string) => {
  const q = qrcode(0, 'M');
  q.addData(text, 'Alphanumeric');
  q.make();
  return (q.getModuleCount() - 17) / 4;
};

describe('link codes from real Chromium session descriptions', () => {
  for (const [name, sample] of Object.entries(CHROMIUM_SDP))
    for (const role of ['offer', 'answer'] as const)
      it(`${name} ${role}: SDP → code → SDP keeps what the peer acts on`, () => {
        const desc = compact(sample[role], role);
        const code = encodeLinkCode(desc);
        expect(isLinkCode(code)).toBe(true);
        expect(code).toMatch(/^VADA-L1:[0-9A-Z $%*+\-./:]+$/);
        expect(code.length).toBeLessThanOrEqual(LINK.codeChars);
        const read = decodeLinkCode(code, NOW);
        expect(read).toEqual({ ok: true, value: desc });
        const sdp = expandDescription(desc);
        expect(essentials(sdp)).toEqual(essentials(sample[role]));
        // The rebuilt SDP compacts to the same description: the template is stable.
        expect(compact(sdp, role)).toEqual(desc);
      });

  it('carries mDNS names, IPv4 and IPv6 as their own kinds, most preferred first, TCP candidates dropped', () => {
    expect(compact(CHROMIUM_SDP.mdns?.offer ?? '', 'offer').candidates).toEqual([
      { kind: 'mdns', address: '507d87d5-f991-4b05-89ef-65791cc89cea.local', port: 43701 },
    ]);
    const dual = compact(CHROMIUM_SDP.ipv4Ipv6?.offer ?? '', 'offer').candidates;
    expect(dual.map((c) => c.kind)).toEqual(['ipv6', 'ipv4']); // Chromium ranks its IPv6 address higher
    expect(dual.map((c) => c.address)).toEqual(['fd77::1', '10.77.0.1']);
  });

  it('keeps the first LINK.codeCandidates of more host candidates, by priority, and skips unusable ones', () => {
    const base = CHROMIUM_SDP.ipv4?.offer ?? '';
    const extra = [
      'a=candidate:9 1 udp 100 192.168.1.9 4009 typ host',
      'a=candidate:8 1 udp 900 192.168.1.8 4008 typ host',
      'a=candidate:7 1 udp 800 192.168.1.7 4007 typ host',
      'a=candidate:6 1 udp 700 192.168.1.6 4006 typ host',
      'a=candidate:5 1 udp 2130706431 127.0.0.1 4005 typ host',
      'a=candidate:4 1 udp 2130706431 fe80::1 4004 typ host',
      'a=candidate:3 1 udp 2130706431 203.0.113.3 4003 typ srflx raddr 0.0.0.0 rport 0',
      'a=candidate:2 2 udp 2130706431 192.168.1.2 4002 typ host',
      'a=candidate:1 1 udp 2130706431 192.168.1.1 0 typ host',
    ];
    const sdp = base.replace('a=ice-ufrag', `${extra.join('\r\n')}\r\na=ice-ufrag`);
    const got = compact(sdp, 'offer').candidates.map((c) => `${c.address}:${c.port}`);
    expect(got).toHaveLength(LINK.codeCandidates);
    expect(got[0]).toMatch(/^10\.77\.0\.1:\d+$/);
    expect(got.slice(1)).toEqual(['192.168.1.8:4008', '192.168.1.7:4007', '192.168.1.6:4006']);
  });
});

describe('compactDescription refuses what the template cannot rebuild', () => {
  const offer = CHROMIUM_SDP.mdns?.offer ?? '';
  const answer = CHROMIUM_SDP.mdns?.answer ?? '';
  const cases: Array<[string, string, LinkRole, RejectionCode]> = [
    ['no media section', offer.replace(/m=application.*\r\n/, ''), 'offer', 'unsupported-sdp'],
    [
      'an audio section',
      offer.replace('m=application', 'm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nm=application'),
      'offer',
      'unsupported-sdp',
    ],
    ['no ufrag', offer.replace(/a=ice-ufrag:.*\r\n/, ''), 'offer', 'unsupported-sdp'],
    ['two passwords', offer.replace(/(a=ice-pwd:.*\r\n)/, '$1$1'), 'offer', 'unsupported-sdp'],
    ['sha-1 fingerprint only', offer.replace('sha-256', 'sha-1'), 'offer', 'unsupported-sdp'],
    ['a short fingerprint', offer.replace(/(a=fingerprint:sha-256 )..:/, '$1'), 'offer', 'unsupported-sdp'],
    ['an offer that is not actpass', offer.replace('setup:actpass', 'setup:active'), 'offer', 'unsupported-sdp'],
    ['a passive answer', answer.replace('setup:active', 'setup:passive'), 'answer', 'unsupported-sdp'],
    ['another SCTP port', offer.replace('sctp-port:5000', 'sctp-port:5001'), 'offer', 'unsupported-sdp'],
    ['no candidate', offer.replace(/a=candidate:.*\r\n/g, ''), 'offer', 'unsupported-sdp'],
    ['TCP only', offer.replace(' udp ', ' tcp '), 'offer', 'unsupported-sdp'],
    ['a 3-character ufrag', offer.replace(/a=ice-ufrag:.*/, 'a=ice-ufrag:abc'), 'offer', 'bad-link-code'],
    [
      'a 33-character ufrag',
      offer.replace(/a=ice-ufrag:.*/, `a=ice-ufrag:${'a'.repeat(33)}`),
      'offer',
      'bad-link-code',
    ],
    ['a ufrag outside ice-chars', offer.replace(/a=ice-ufrag:.*/, 'a=ice-ufrag:ab-cd'), 'offer', 'bad-link-code'],
    ['a 21-character password', offer.replace(/a=ice-pwd:.*/, `a=ice-pwd:${'p'.repeat(21)}`), 'offer', 'bad-link-code'],
    ['a 65-character password', offer.replace(/a=ice-pwd:.*/, `a=ice-pwd:${'p'.repeat(65)}`), 'offer', 'bad-link-code'],
  ];
  for (const [what, sdp, role, code] of cases)
    it(`${what}: ${code}`, () => {
      const r = compactDescription(sdp, role, META);
      expect(r.ok ? 'accepted' : r.error.code).toBe(code);
    });

  it('refuses a session id that is not 8 bytes of hex and an expiry outside 32-bit seconds', () => {
    for (const meta of [
      { ...META, session: '0123' },
      { ...META, session: '0123456789ABCDEF' },
      { ...META, expiresAt: 2 ** 32 * 1000 },
      { ...META, expiresAt: 0 },
      { ...META, expiresAt: Number.NaN },
    ]) {
      const r = compactDescription(offer, 'offer', meta);
      expect(r.ok ? 'accepted' : r.error.code, JSON.stringify(meta)).toBe('bad-link-code');
    }
  });
});

describe('decodeLinkCode refuses every malformed field', () => {
  const desc = compact(CHROMIUM_SDP.ipv4Ipv6?.offer ?? '', 'offer');
  const bytes = linkCodeBytes(desc);
  const codeOf = (b: Uint8Array | number[]) => LINK_CODE_MARKER + base45Encode(Uint8Array.from(b));
  const refusal = (text: unknown, now = NOW) => {
    const r = decodeLinkCode(text, now);
    return r.ok ? 'accepted' : r.error.code;
  };
  /** The bytes with `at` replaced by `values`. */
  const patch = (at: number, ...values: number[]) => {
    const b = Array.from(bytes);
    b.splice(at, values.length, ...values);
    return codeOf(b);
  };
  // Offsets of the layout (docs/protocol.md §15.1) for this description.
  const UFRAG = 45;
  const PWD = UFRAG + 1 + desc.ufrag.length;
  const COUNT = PWD + 1 + desc.pwd.length;
  const FIRST = COUNT + 1; // ipv6 candidate: kind, 16 address bytes, port
  const SECOND = FIRST + 1 + 16 + 2; // ipv4 candidate

  it('reads its own code back, with white space around it', () => {
    expect(refusal(codeOf(bytes))).toBe('accepted');
    expect(decodeLinkCode(`\n  ${codeOf(bytes)} \r\n`, NOW)).toEqual({ ok: true, value: desc });
  });

  it('refuses what is not a link code before reading it', () => {
    expect(refusal(42)).toBe('not-link-code');
    expect(refusal(undefined)).toBe('not-link-code');
    expect(refusal('VADA:ABC')).toBe('not-link-code');
    expect(refusal(codeOf(bytes).toLowerCase())).toBe('not-link-code');
    expect(refusal(`${LINK_CODE_MARKER}AB`)).toBe('not-link-code'); // a pair over 255
    expect(refusal(`${LINK_CODE_MARKER}A`)).toBe('not-link-code'); // a dangling character
    expect(refusal(`${LINK_CODE_MARKER}GGW`)).toBe('not-link-code'); // a group over 65535
    expect(refusal(`${LINK_CODE_MARKER}ab_`)).toBe('not-link-code');
    expect(refusal('VADA-L2:AAAA')).toBe('unsupported-version');
    expect(refusal(LINK_CODE_MARKER + 'A'.repeat(LINK.codeChars))).toBe('too-large');
    expect(refusal('x'.repeat(10 * LINK.codeChars))).toBe('too-large');
  });

  it('refuses a code cut short anywhere, and bytes after the last candidate', () => {
    for (let n = 0; n < bytes.length; n++)
      expect(refusal(codeOf(bytes.subarray(0, n))), `cut at ${n}`).toBe('bad-link-code');
    expect(refusal(codeOf([...bytes, 0]))).toBe('bad-link-code');
  });

  it('refuses a role that is neither offer (1) nor answer (2)', () => {
    expect(refusal(patch(0, 0))).toBe('bad-link-code');
    expect(refusal(patch(0, 3))).toBe('bad-link-code');
    expect(decodeLinkCode(patch(0, 2), NOW)).toEqual({ ok: true, value: { ...desc, role: 'answer' } });
  });

  it('refuses ICE texts out of their bounds or outside ice-chars', () => {
    expect(refusal(patch(UFRAG, 3))).toBe('bad-link-code'); // shorter length: the rest misreads
    expect(refusal(patch(UFRAG, LINK.codeUfragChars + 1))).toBe('bad-link-code');
    expect(refusal(patch(UFRAG + 1, '-'.charCodeAt(0)))).toBe('bad-link-code');
    expect(refusal(patch(UFRAG + 1, 0xe9))).toBe('bad-link-code');
    expect(refusal(patch(PWD, LINK.codePwdChars + 1))).toBe('bad-link-code');
    expect(refusal(patch(PWD + 1, ' '.charCodeAt(0)))).toBe('bad-link-code');
    const shortPwd = Array.from(bytes);
    shortPwd.splice(PWD, 1 + desc.pwd.length, 21, ...new Array<number>(21).fill(0x61));
    expect(refusal(codeOf(shortPwd))).toBe('bad-link-code');
  });

  it('refuses 0 or more than LINK.codeCandidates candidates, an unknown kind and port 0', () => {
    expect(refusal(codeOf([...bytes.subarray(0, COUNT), 0]))).toBe('bad-link-code');
    const five = [...bytes.subarray(FIRST, SECOND)];
    expect(refusal(codeOf([...bytes.subarray(0, COUNT), 5, ...five, ...five, ...five, ...five, ...five]))).toBe(
      'bad-link-code',
    );
    expect(refusal(patch(FIRST, 5))).toBe('bad-link-code');
    expect(refusal(patch(SECOND + 5, 0, 0))).toBe('bad-link-code');
    expect(refusal(patch(SECOND + 5, 0xff, 0xff))).toBe('accepted');
  });

  it('refuses addresses that never name another phone', () => {
    const v4 = (...a: number[]) => patch(SECOND + 1, ...a);
    const v6 = (...a: number[]) => patch(FIRST + 1, ...a, ...new Array<number>(16 - a.length).fill(0));
    expect(refusal(v4(0, 0, 0, 0))).toBe('bad-link-code');
    expect(refusal(v4(127, 0, 0, 1))).toBe('bad-link-code');
    expect(refusal(v4(224, 0, 0, 251))).toBe('bad-link-code');
    expect(refusal(v4(255, 255, 255, 255))).toBe('bad-link-code');
    expect(refusal(v4(192, 168, 43, 1))).toBe('accepted');
    expect(refusal(v6())).toBe('bad-link-code'); // ::
    expect(refusal(patch(FIRST + 1, ...new Array<number>(15).fill(0), 1))).toBe('bad-link-code'); // ::1
    expect(refusal(v6(0xfe, 0x80))).toBe('bad-link-code');
    expect(refusal(v6(0xff, 0x02))).toBe('bad-link-code');
    expect(refusal(v6(0x20, 0x01, 0x0d, 0xb8))).toBe('accepted');
  });

  it('reads any 16 bytes as an mDNS name and writes it as a lowercase UUID', () => {
    const mdns = patch(FIRST, 0x6d, 0xab, ...new Array<number>(15).fill(0xcd));
    const r = decodeLinkCode(mdns, NOW);
    expect(r.ok && r.value.candidates[0]).toEqual({
      kind: 'mdns',
      address: 'abcdcdcd-cdcd-cdcd-cdcd-cdcdcdcdcdcd.local',
      port: desc.candidates[0]?.port,
    });
  });

  it('refuses an expired code (with the clock slack) and one dated further ahead than a code is made for', () => {
    const code = codeOf(bytes);
    expect(refusal(code, desc.expiresAt)).toBe('accepted');
    expect(refusal(code, desc.expiresAt + LIMITS.futureSkewMs)).toBe('accepted');
    expect(refusal(code, desc.expiresAt + LIMITS.futureSkewMs + 1)).toBe('link-expired');
    expect(refusal(code, desc.expiresAt - LINK.codeTtlMs - LIMITS.futureSkewMs)).toBe('accepted');
    expect(refusal(code, desc.expiresAt - LINK.codeTtlMs - LIMITS.futureSkewMs - 1)).toBe('bad-link-code');
    expect(refusal(patch(9, 0, 0, 0, 0), 0)).toBe('bad-link-code'); // expiry 0
  });
});

describe('sizes', () => {
  /** The largest description the bounds allow. */
  const largest: LinkDescription = {
    role: 'answer',
    session: 'ffffffffffffffff',
    expiresAt: 0xffffffff * 1000,
    ufrag: 'u'.repeat(LINK.codeUfragChars),
    pwd: 'p'.repeat(LINK.codePwdChars),
    fingerprint: 'f'.repeat(64),
    candidates: new Array(LINK.codeCandidates).fill({ kind: 'ipv6', address: '2001:db8::1', port: 65535 }),
  };

  it('LINK.codeChars is exactly the longest code the bounds allow, and that code still reads', () => {
    const code = encodeLinkCode(largest);
    expect(code.length).toBe(LINK.codeChars);
    expect(decodeLinkCode(code, largest.expiresAt)).toEqual({ ok: true, value: largest });
  });

  it('a typical offer and answer fit a small QR code at level M (printed for the docs)', () => {
    const rows = Object.entries(CHROMIUM_SDP).flatMap(([name, s]) =>
      (['offer', 'answer'] as const).map((role) => {
        const code = encodeLinkCode(compact(s[role], role));
        return { name, role, chars: code.length, version: qrVersion(code) };
      }),
    );
    console.log(rows.map((r) => `${r.name} ${r.role}: ${r.chars} characters, QR version ${r.version}`).join('\n'));
    console.log(
      `largest possible code: ${LINK.codeChars} characters, QR version ${qrVersion(encodeLinkCode(largest))}`,
    );
    // One mDNS name (Chromium without camera permission): the everyday case.
    const mdns = rows.filter((r) => r.name === 'mdns');
    for (const r of mdns) expect(r.chars).toBe(151);
    for (const r of rows) expect(r.version, `${r.name} ${r.role}`).toBeLessThanOrEqual(8);
    expect(qrVersion(encodeLinkCode(largest))).toBeLessThanOrEqual(11);
  });

  it('encodeLinkCode refuses (throws) a description that breaks a bound: a bug, not input', () => {
    expect(() => encodeLinkCode({ ...largest, ufrag: 'u'.repeat(LINK.codeUfragChars + 1) })).toThrow(RangeError);
    expect(() => encodeLinkCode({ ...largest, candidates: [] })).toThrow(RangeError);
  });
});
