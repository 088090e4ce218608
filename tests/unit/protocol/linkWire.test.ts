/**
 * The link wire's frame reader: every frame the encoder writes parses back
 * equal, and each kind of bad input gets its own typed refusal, never a throw.
 */
import { describe, expect, it } from 'vitest';
import type { RecordId } from '../../../src/domain/brand';
import { LIMITS } from '../../../src/domain/limits';
import { importCircle } from '../../../src/protocol/circle';
import { encodeLinkFrame, LINK_WIRE, parseLinkFrame, type LinkFrame } from '../../../src/protocol/linkWire';
import { linkToken, linkTokenInput } from '../../../src/protocol/linkToken';

const ID = 'A'.repeat(43) as RecordId;
const TOKEN = 'B'.repeat(21) + 'A'; // canonical: the last character's spare bits are zero
const refusal = (raw: unknown) => {
  const p = parseLinkFrame(raw);
  return p.ok ? 'ok' : p.code;
};

describe('parseLinkFrame / encodeLinkFrame', () => {
  it('round-trips every frame type', () => {
    const frames: LinkFrame[] = [
      { t: 'hello', v: 1, n: 'C'.repeat(21) + 'A' },
      { t: 'circles', k: Array(8).fill(TOKEN) },
      { t: 'have', c: TOKEN, ids: [ID] },
      { t: 'want', c: TOKEN, ids: [ID, ID] },
      { t: 'rec', c: TOKEN, r: [{ id: ID, b: 472_000, w: '{"v":1}', h: 3 }] },
      { t: 'ack', ids: [ID] },
      { t: 'no', id: ID, code: 'expired' },
      { t: 'ping' },
    ];
    for (const f of frames) expect(parseLinkFrame(encodeLinkFrame(f))).toMatchObject({ ok: true, frame: f });
    expect(encodeLinkFrame({ t: 'rec', c: TOKEN, r: [{ h: 0, w: 'x', b: 1, id: ID } as never] })).toBe(
      `{"t":"rec","c":"${TOKEN}","r":[{"id":"${ID}","b":1,"w":"x","h":0}]}`,
    );
  });

  it('refuses, by type, what a hostile peer might send', () => {
    expect(refusal(new Uint8Array([1]))).toBe('not-text');
    expect(refusal('{"t":"ping"'.padEnd(LIMITS.frameBytes + 1, ' '))).toBe('too-large');
    expect(refusal('ж'.repeat(LIMITS.frameBytes / 2 + 1))).toBe('too-large');
    expect(refusal('not json')).toBe('not-json');
    expect(refusal('{"t":"ping","constructor":1}')).toBe('forbidden-key');
    expect(refusal('[[[[[[[[[[1]]]]]]]]]]')).toBe('too-deep');
    expect(refusal('[]')).toBe('bad-shape');
    expect(refusal('{"t":"opt"}')).toBe('bad-shape');
    expect(refusal('{"t":"ping","x":1}')).toBe('bad-shape');
    expect(refusal(`{"t":"hello","v":2,"n":"${'C'.repeat(22)}"}`)).toBe('unsupported-version');
    expect(refusal(`{"t":"hello","v":1,"n":"short"}`)).toBe('bad-field');
    expect(refusal(`{"t":"circles","k":["${TOKEN}"]}`)).toBe('bad-field'); // not padded to 8
    expect(refusal(`{"t":"circles","k":${JSON.stringify(Array(LINK_WIRE.tokensMax + 8).fill(TOKEN))}}`)).toBe(
      'bad-field',
    );
    expect(refusal(`{"t":"have","c":"${TOKEN}","ids":[]}`)).toBe('bad-field');
    expect(refusal(`{"t":"ack","ids":${JSON.stringify(Array(LINK_WIRE.idsMax + 1).fill(ID))}}`)).toBe('bad-field');
    expect(refusal(`{"t":"ack","ids":["${ID}x"]}`)).toBe('bad-field');
    const rec = (e: unknown) => `{"t":"rec","c":"${TOKEN}","r":[${JSON.stringify(e)}]}`;
    expect(refusal(rec({ id: ID, b: 1, w: 'x', h: 0 }))).toBe('ok');
    expect(refusal(rec({ id: ID, b: -1, w: 'x', h: 0 }))).toBe('bad-field');
    expect(refusal(rec({ id: ID, b: 1, w: 'x', h: LINK_WIRE.hopsMax + 1 }))).toBe('bad-field');
    expect(refusal(rec({ id: ID, b: 1, w: 'x'.repeat(LIMITS.envelopeChars + 1), h: 0 }))).toBe('bad-field');
    expect(refusal(rec({ id: ID, b: 1, w: { v: 1 }, h: 0 }))).toBe('bad-field');
    expect(refusal(rec({ id: ID, b: 1, w: 'x', h: 0, extra: 1 }))).toBe('bad-shape');
    expect(refusal(`{"t":"no","id":"${ID}","code":"<b>"}`)).toBe('bad-field');
  });
});

describe('linkToken', () => {
  it('is the first 16 bytes of HMAC-SHA-256 under the circle’s link key, over the documented text', async () => {
    const raw = new Uint8Array(32).fill(7);
    const circle = await importCircle('D'.repeat(22) as never, raw);
    const [n1, n2] = ['E'.repeat(22), 'F'.repeat(22)];
    expect(linkTokenInput(n1, n2)).toBe(`vada-link/1 ${n1} ${n2}`);
    // Independently: HKDF-SHA-256(raw, salt empty, info "vada/1 link key") → HMAC key.
    const ikm = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveBits']);
    const info = new TextEncoder().encode('vada/1 link key');
    const keyBytes = await crypto.subtle.deriveBits(
      { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info },
      ikm,
      256,
    );
    const hmac = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = new Uint8Array(
      await crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode(linkTokenInput(n1, n2))),
    );
    expect(await linkToken(circle, n1, n2)).toBe(Buffer.from(mac.subarray(0, 16)).toString('base64url'));
    // Direction matters: the other phone's token for the same circle differs.
    expect(await linkToken(circle, n2, n1)).not.toBe(await linkToken(circle, n1, n2));
  });
});
