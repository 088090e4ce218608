/** The app PIN: a real KDF (PBKDF2-SHA-256, 600,000 iterations, 16-byte salt), a wrapped data key, a duress PIN, and the at-rest codec. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromB64url, toB64url } from '../../../src/protocol/base64url';
import {
  codecFromDataKey,
  createPin,
  createPinRecord,
  hasPin,
  loadPinRecord,
  PIN_ITERATIONS,
  removeAppPin,
  removePinRecord,
  SALT_BYTES,
  savePinRecord,
  setAppPin,
  unlockWithPin,
  type PinRecord,
  type PinRecordStorage,
} from '../../../src/platform/pinLock';

afterEach(() => vi.restoreAllMocks());

function memoryStorage(): PinRecordStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

// One real record for the tests below (each derivation is the full 600,000 iterations).
let shared: Promise<PinRecord> | undefined;
const record = () => (shared ??= createPinRecord('482913', '111999'));

describe('PIN record', () => {
  it('derives with PBKDF2-SHA-256, 600,000 iterations and a fresh 16-byte random salt', async () => {
    const spy = vi.spyOn(globalThis.crypto.subtle, 'deriveKey');
    const a = await createPinRecord('1234', undefined);
    const b = await createPinRecord('1234', undefined);
    expect(PIN_ITERATIONS).toBe(600_000);
    expect(a.iterations).toBe(600_000);
    expect(fromB64url(a.salt)).toHaveLength(SALT_BYTES);
    expect(SALT_BYTES).toBe(16);
    expect(a.salt).not.toBe(b.salt);
    expect(a.wrappedKey).not.toBe(b.wrappedKey);
    // Besides PBKDF2, each new data key derives its lookup key once (HKDF).
    const pbkdf2 = spy.mock.calls.filter(([params]) => (params as Algorithm).name === 'PBKDF2');
    expect(pbkdf2).toHaveLength(2);
    expect(spy.mock.calls.filter(([params]) => (params as Algorithm).name === 'HKDF')).toHaveLength(2);
    for (const [params] of pbkdf2) {
      const p = params as Pbkdf2Params;
      expect(p.name).toBe('PBKDF2');
      expect(p.hash).toBe('SHA-256');
      expect(p.iterations).toBe(600_000);
      expect(new Uint8Array(p.salt as ArrayBuffer)).toHaveLength(16);
    }
  });

  it('opens with the right PIN, refuses a wrong one, and signals the duress PIN', async () => {
    const r = await record();
    const right = await unlockWithPin(r, '482913');
    expect(right.kind).toBe('unlocked');
    expect((await unlockWithPin(r, '482914')).kind).toBe('wrong');
    expect((await unlockWithPin(r, '111999')).kind).toBe('duress');
  });

  it('without a duress PIN, no PIN signals duress', async () => {
    const r = await createPinRecord('2468', undefined);
    expect(r.duressCheck).toBeUndefined();
    expect((await unlockWithPin(r, '1357')).kind).toBe('wrong');
  });

  it('is stored and read back defensively; a tampered record is not a PIN', async () => {
    const storage = memoryStorage();
    expect(hasPin(storage)).toBe(false);
    const r = await record();
    savePinRecord(r, storage);
    expect(loadPinRecord(storage)).toEqual(r);
    for (const bad of [
      '{',
      'null',
      '[]',
      JSON.stringify({ ...r, iterations: 1 }),
      JSON.stringify({ ...r, salt: '!!' }),
      JSON.stringify({ ...r, v: 2 }),
    ]) {
      storage.map.set('vada.pin.v1', bad);
      expect(loadPinRecord(storage)).toBeUndefined();
    }
    savePinRecord(r, storage);
    removePinRecord(storage);
    expect(hasPin(storage)).toBe(false);
  });
});

describe('at-rest codec', () => {
  const newCodec = () => codecFromDataKey(crypto.getRandomValues(new Uint8Array(32)));

  it('round-trips JSON values with a fresh nonce each time, hiding the content', async () => {
    const codec = await newCodec();
    const value = { id: 'abc', wire: 'secret plan at the bridge', n: [1, 2] };
    const a = await codec.seal(value);
    const b = await codec.seal(value);
    expect(JSON.stringify(a)).not.toContain('bridge');
    expect(a).not.toEqual(b);
    expect(await codec.open(a)).toEqual(value);
  });

  it('refuses a changed value, another key, and anything not sealed', async () => {
    const codec = await newCodec();
    const sealed = (await codec.seal({ x: 1 })) as { sealed: string };
    const raw = fromB64url(sealed.sealed);
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    await expect(codec.open({ sealed: toB64url(raw) })).rejects.toThrow();
    await expect((await newCodec()).open(sealed)).rejects.toThrow();
    for (const junk of [null, 'x', { sealed: 5 }, { sealed: '!!' }, { sealed: 'AAAA' }])
      await expect(codec.open(junk)).rejects.toThrow();
  });

  it('the unlocked codec opens what it sealed (the data key survives the wrap)', async () => {
    const r = await record();
    const first = await unlockWithPin(r, '482913');
    const second = await unlockWithPin(r, '482913');
    if (first.kind !== 'unlocked' || second.kind !== 'unlocked') throw new Error('did not unlock');
    expect(await second.codec.open(await first.codec.seal({ hello: 'world' }))).toEqual({ hello: 'world' });
  });
});

describe('lookup keys', () => {
  // A record id as relays know it (43 base64url characters).
  const id = 'Qm9yZWFsIG9mIGZvcmVzdCBhdCB0aGUgYnJpZGdlIG5vdw';

  it('are the same for one id under one data key, different under another key, per store', async () => {
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const [a, again, other] = await Promise.all([
      codecFromDataKey(raw),
      codecFromDataKey(raw.slice()),
      codecFromDataKey(crypto.getRandomValues(new Uint8Array(32))),
    ]);
    const k = await a.lookup('records', id);
    expect(await a.lookup('records', id)).toBe(k);
    expect(await again.lookup('records', id)).toBe(k);
    expect(await other.lookup('records', id)).not.toBe(k);
    // One id in two stores (a published point is in records and outbox) gives unrelated keys.
    expect(await a.lookup('outbox', id)).not.toBe(k);
    expect(await a.lookup('records', id + 'x')).not.toBe(k);
  });

  it('never contain the raw id: HMAC-SHA-256 (32 bytes) under a key derived from the data key', async () => {
    const { codec } = await createPin('482913', undefined, 1000);
    const sign = vi.spyOn(globalThis.crypto.subtle, 'sign');
    const keys = await Promise.all(['records', 'outbox', 'circles', 'fallbacks'].map((s) => codec.lookup(s, id)));
    for (const k of keys) {
      expect(k).not.toContain(id);
      expect(k).not.toContain(id.slice(0, 8));
      expect(fromB64url(k)).toHaveLength(32);
    }
    expect(new Set(keys).size).toBe(4);
    expect(sign).toHaveBeenCalledTimes(4);
    expect(sign.mock.calls[0]?.[0]).toBe('HMAC');
  });

  it('are the data key of the unlocked PIN: the codec made when setting the PIN and the one unlocked agree', async () => {
    const { record: r, codec } = await createPin('2468', undefined, 1000);
    const unlocked = await unlockWithPin(r, '2468');
    if (unlocked.kind !== 'unlocked') throw new Error('did not unlock');
    expect(await unlocked.codec.lookup('records', id)).toBe(await codec.lookup('records', id));
    expect(await unlocked.codec.open(await codec.seal({ a: 1 }))).toEqual({ a: 1 });
  });
});

describe('setting and removing the PIN', () => {
  it('erases the data first, stores the record last, then reloads; removing erases then forgets the record', async () => {
    const storage = memoryStorage();
    const steps: string[] = [];
    const deps = {
      storage,
      erase: async () => void steps.push(`erase (pin stored: ${hasPin(storage)})`),
      reload: () => void steps.push(`reload (pin stored: ${hasPin(storage)})`),
    };
    await setAppPin('482913', '', deps);
    expect(steps).toEqual(['erase (pin stored: false)', 'reload (pin stored: true)']);
    expect(loadPinRecord(storage)?.duressCheck).toBeUndefined();
    await removeAppPin(deps);
    expect(steps.slice(2)).toEqual(['erase (pin stored: true)', 'reload (pin stored: false)']);
  });

  it('stops settings writes, then seals the settings with the new key before the record is stored', async () => {
    const storage = memoryStorage();
    const steps: string[] = [];
    let sealedWith: unknown;
    await setAppPin('482913', '', {
      storage,
      stopWrites: () => void steps.push('stop'),
      erase: async () => void steps.push('erase'),
      sealSettings: async (codec) => {
        sealedWith = codec;
        steps.push(`seal (pin stored: ${hasPin(storage)})`);
      },
      reload: () => void steps.push('reload'),
    });
    expect(steps).toEqual(['stop', 'erase', 'seal (pin stored: false)', 'reload']);
    const r = loadPinRecord(storage);
    if (!r || typeof sealedWith !== 'object' || sealedWith === null) throw new Error('no record or codec');
    const unlocked = await unlockWithPin(r, '482913');
    if (unlocked.kind !== 'unlocked') throw new Error('did not unlock');
    const codec = sealedWith as Awaited<ReturnType<typeof codecFromDataKey>>;
    expect(await unlocked.codec.open(await codec.seal('same key'))).toBe('same key');
  });
});
