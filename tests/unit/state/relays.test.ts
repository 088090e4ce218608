import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createMemorySettingsStore } from '../../../src/platform/settingsStore';
import { checkRelayUrl, originRelay, relaysFromQuery } from '../../../src/state';
import { createRelays } from '../../../src/state/createRelays';

describe('checkRelayUrl', () => {
  it.each([
    ['http://127.0.0.1:8765/gun', 'http://127.0.0.1:8765/gun'],
    ['  wss://relay.example.org/gun ', 'https://relay.example.org/gun'],
    ['https://r.example/x/gun', 'https://r.example/x/gun'],
    // A hotspot relay: WebSocket spellings become the http(s) ones GUN and the relay's --peer use.
    ['wss://192.168.43.1:8765/gun', 'https://192.168.43.1:8765/gun'],
    ['WSS://Relay.Example:443/gun', 'https://relay.example/gun'],
    ['ws://10.42.0.1:8765/gun', 'http://10.42.0.1:8765/gun'],
    ['wss://[fd00::1]:8765/gun', 'https://[fd00::1]:8765/gun'],
    ['https://192.168.43.1:8765/gun', 'https://192.168.43.1:8765/gun'],
  ])('accepts %s', (input, url) => expect(checkRelayUrl(input)).toEqual({ ok: true, url }));

  it.each([
    ['', 'empty'],
    ['relay.example/gun', 'invalid'],
    ['ftp://relay.example/gun', 'scheme'],
    ['javascript:alert(1)//gun', 'scheme'],
    ['https://relay.example/', 'path'],
    ['https://relay.example/gun?x=1', 'path'],
    ['https://user:pw@relay.example/gun', 'credentials'],
    ['wss://user@192.168.43.1:8765/gun', 'credentials'],
    ['wss://192.168.43.1:8765/gun#x', 'path'],
    ['wss://192.168.43.1:8765/', 'path'],
  ])('refuses %j as %s', (input, error) => expect(checkRelayUrl(input)).toEqual({ ok: false, error }));
});

describe('relay lists', () => {
  it('takes repeatable ?relay= parameters, skipping bad and repeated ones', () => {
    const q = '?relay=http://a.example/gun&relay=ftp://b/gun&relay=http://a.example/gun&relay=wss://c.example/gun';
    expect(relaysFromQuery(q)).toEqual(['http://a.example/gun', 'https://c.example/gun']);
    expect(relaysFromQuery('?relay=wss://h:1/gun&relay=https://h:1/gun')).toEqual(['https://h:1/gun']);
    expect(originRelay('http://127.0.0.1:8765')).toBe('http://127.0.0.1:8765/gun');
  });

  it('adds, removes and resets saved relays; session relays are not saved', () => {
    const settings = createMemorySettingsStore();
    createRoot((dispose) => {
      const r = createRelays({ settings, defaults: ['http://here/gun'], session: ['http://s.example/gun'] });
      expect(r.relays()).toEqual(['http://here/gun', 'http://s.example/gun']);
      expect(r.add('nope')).toBe('invalid');
      expect(r.add('http://here/gun')).toBe('duplicate');
      expect(r.add('https://other.example/gun')).toBeUndefined();
      expect(settings.load().relays).toEqual(['http://here/gun', 'https://other.example/gun']);
      r.remove('http://s.example/gun');
      r.remove('http://here/gun');
      expect(r.relays()).toEqual(['https://other.example/gun']);
      r.reset();
      expect(r.relays()).toEqual(['http://here/gun']);
      expect(settings.load().relays).toBeUndefined();
      dispose();
    });
  });
});
