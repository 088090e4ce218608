/** Which addresses the relay prints and its certificate names, from a made-up interface list. */
import { describe, expect, it } from 'vitest';
import {
  certificateNames,
  httpsUrl,
  isLinkLocalV6,
  lanAddresses,
  urlAddresses,
  type Interfaces,
} from '../../../relay/lanAddresses';

const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({
  address,
  family,
  internal,
  netmask: '',
  mac: '00:00:00:00:00:00',
  cidr: null,
  ...(family === 'IPv6' ? { scopeid: 0 } : {}),
});

const interfaces = {
  lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
  wlan0: [iface('fe80::1c2:3ff:fe44:5566', 'IPv6'), iface('192.168.43.12', 'IPv4'), iface('fd00::12', 'IPv6')],
  usb0: [iface('10.42.0.1', 'IPv4'), iface('192.168.43.12', 'IPv4')],
  down: undefined,
} as unknown as Interfaces;

describe('LAN addresses', () => {
  it('lists every non-internal address once, IPv4 first', () => {
    expect(lanAddresses(interfaces)).toEqual(['192.168.43.12', '10.42.0.1', 'fe80::1c2:3ff:fe44:5566', 'fd00::12']);
  });

  it('leaves link-local IPv6 out of the URLs (browsers cannot open them)', () => {
    expect(isLinkLocalV6('fe80::1')).toBe(true);
    expect(isLinkLocalV6('FEBF::1')).toBe(true);
    expect(isLinkLocalV6('fec0::1')).toBe(false);
    expect(isLinkLocalV6('fd00::1')).toBe(false);
    expect(urlAddresses(interfaces)).toEqual(['192.168.43.12', '10.42.0.1', 'fd00::12']);
  });

  it('writes https URLs with brackets around IPv6', () => {
    expect(httpsUrl('192.168.43.12', 8765)).toBe('https://192.168.43.12:8765/');
    expect(httpsUrl('fd00::12', 8765)).toBe('https://[fd00::12]:8765/');
  });

  it('names loopback, every LAN address and a specific --host in the certificate', () => {
    expect(certificateNames('0.0.0.0', interfaces)).toEqual({
      dns: ['localhost'],
      ips: ['127.0.0.1', '::1', '192.168.43.12', '10.42.0.1', 'fe80::1c2:3ff:fe44:5566', 'fd00::12'],
    });
    expect(certificateNames('vada.local', {})).toEqual({ dns: ['localhost', 'vada.local'], ips: ['127.0.0.1', '::1'] });
    expect(certificateNames('[fd00::99]', {}).ips).toEqual(['127.0.0.1', '::1', 'fd00::99']);
    expect(certificateNames('::', {}).ips).toEqual(['127.0.0.1', '::1']);
  });
});
