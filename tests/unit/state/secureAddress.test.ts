/** The https address offered instead of an http page: this page's host, the relay's TLS port, nothing else carried over. */
import { describe, expect, it } from 'vitest';
import { secureAddress } from '../../../src/state/secureAddress';

describe('secureAddress', () => {
  it('uses the relay’s TLS port on this page’s host', () => {
    expect(secureAddress('http://192.168.43.12:8765/', 8765)).toBe('https://192.168.43.12:8765/');
    expect(secureAddress('http://192.168.43.12:8080/x', 8443)).toBe('https://192.168.43.12:8443/');
    expect(secureAddress('http://[fd00::12]:8765/', 8765)).toBe('https://[fd00::12]:8765/');
    expect(secureAddress('http://vada.test:8765/', 443)).toBe('https://vada.test/');
  });

  it('without a TLS port, keeps this page’s port (where a relay restarted with --tls will speak https)', () => {
    expect(secureAddress('http://10.42.0.1:8765/')).toBe('https://10.42.0.1:8765/');
    expect(secureAddress('http://10.42.0.1/')).toBe('https://10.42.0.1/');
  });

  it('carries no path, query, fragment (an invite key) or credentials over', () => {
    expect(secureAddress('http://u:p@10.42.0.1:8765/a/b?relay=http://evil/gun#join=SECRET', 8765)).toBe(
      'https://10.42.0.1:8765/',
    );
  });
});
