/** IP address text ⇄ bytes for link codes: strict parsing and one canonical spelling (RFC 5952). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from '../../../src/protocol/ipAddress';

describe('IPv4', () => {
  it('reads dotted quads and writes them back', () => {
    expect(parseIpv4('10.77.0.1')).toEqual(Uint8Array.of(10, 77, 0, 1));
    expect(parseIpv4('255.255.255.255')).toEqual(Uint8Array.of(255, 255, 255, 255));
    expect(formatIpv4(Uint8Array.of(192, 168, 43, 12))).toBe('192.168.43.12');
  });

  it('refuses anything else', () => {
    for (const bad of [
      '10.77.0',
      '10.77.0.1.2',
      '256.1.1.1',
      '01.2.3.4',
      '1.2.3.-4',
      '1.2.3.4 ',
      'a.b.c.d',
      '',
      '1..2.3',
    ])
      expect(parseIpv4(bad), bad).toBeUndefined();
  });
});

describe('IPv6', () => {
  it('reads the RFC 4291 forms', () => {
    const v = (s: string) => Array.from(parseIpv6(s) ?? []);
    expect(v('fd77::1')).toEqual([0xfd, 0x77, ...new Array(13).fill(0), 1]);
    expect(v('::')).toEqual(new Array(16).fill(0));
    expect(v('2001:DB8:0:0:1:0:0:1')).toEqual(v('2001:db8::1:0:0:1'));
    expect(v('::ffff:10.77.0.1')).toEqual([...new Array(10).fill(0), 0xff, 0xff, 10, 77, 0, 1]);
    expect(v('1:2:3:4:5:6:7:8')).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]);
  });

  it('refuses malformed text and zone ids', () => {
    for (const bad of [
      'fd77:::1',
      '1::2::3',
      '1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4::5:6:7:8',
      'fe80::1%eth0',
      '12345::1',
      'g::1',
      '::1.2.3',
      '1.2.3.4::',
      '',
    ])
      expect(parseIpv6(bad), bad).toBeUndefined();
  });

  it('writes RFC 5952: lowercase, no leading zeros, the first longest zero run as ::, a single zero group kept', () => {
    const f = (s: string) => formatIpv6(parseIpv6(s) ?? new Uint8Array(16));
    expect(f('FD77:0000:0000:0000:0000:0000:0000:0001')).toBe('fd77::1');
    expect(f('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(f('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(f('0:0:1:0:0:0:1:0')).toBe('0:0:1::1:0');
    expect(f('::')).toBe('::');
    expect(f('1::')).toBe('1::');
  });

  it('parses back every address it writes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const text = formatIpv6(bytes);
        expect(parseIpv6(text)).toEqual(bytes);
        expect(formatIpv6(parseIpv6(text.toUpperCase()) ?? new Uint8Array(16))).toBe(text);
      }),
    );
  });
});
