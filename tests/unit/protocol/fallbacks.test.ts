/**
 * Fallback places sealed into a point: round trip, one key per index, binding
 * to the point's circle/author/time and index, and typed refusals for hostile
 * plaintexts (sealed here directly with WebCrypto, as any key holder could).
 */
import { describe, expect, it } from 'vitest';
import type { CircleId, PublicKey, RecordId } from '../../../src/domain/brand';
import { isCanonicalB64url } from '../../../src/domain/base64url';
import { LIMITS } from '../../../src/domain/limits';
import { FALLBACK_SEALED_CHARS, parsePayloadValue } from '../../../src/domain/parsePayload';
import type { PointRecord } from '../../../src/domain/records';
import type { RejectionCode } from '../../../src/domain/result';
import { buf, toB64url } from '../../../src/protocol/base64url';
import { openFallback, sealFallbacks, type FallbackHeader } from '../../../src/protocol/fallbacks';

const T = Date.UTC(2025, 5, 1, 12);
const header: FallbackHeader = {
  circle: 'dppG_Uyoep5QtOzl6T97OA' as CircleId,
  author: 'A'.repeat(43) as PublicKey,
  created: T,
};
const places = [
  { label: 'Kastryčnickaja square', lat: 53.90231, lon: 27.56189 },
  { label: '  Park gate «east» 🌳 ', lat: -33.8688, lon: 151.2093 },
  { label: 'Bridge', lat: 0, lon: -180 },
];

function pointWith(fallbacks: readonly string[] | undefined, h: FallbackHeader = header): PointRecord {
  return {
    id: 'P'.repeat(43) as RecordId,
    circle: h.circle,
    author: h.author,
    created: h.created,
    kind: 'point',
    payload: {
      title: 't',
      note: '',
      lat: 1,
      lon: 2,
      start: T,
      end: T + 3_600_000,
      ...(fallbacks ? { fallbacks } : {}),
    },
  };
}

async function sealAll() {
  const r = await sealFallbacks(places, header);
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
}

/** Seals arbitrary plaintext bytes the way the spec says (independent of the module under test). */
async function sealRaw(plain: Uint8Array, i: number, h: FallbackHeader = header) {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  const key = await crypto.subtle.importKey('raw', buf(raw), 'AES-GCM', false, ['encrypt']);
  const aad = new TextEncoder().encode(['vada/1 fallback', h.circle, h.author, h.created, i].join('\n'));
  const cipher = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: buf(nonce), additionalData: buf(aad) }, key, buf(plain)),
  );
  return { sealed: toB64url(Uint8Array.from([...nonce, ...cipher])), key: toB64url(raw) };
}

const pad = (text: string, size: number = LIMITS.fallbackPlainBytes) => {
  const bytes = new TextEncoder().encode(text);
  const out = new Uint8Array(Math.max(size, bytes.length)).fill(0x20);
  out.set(bytes);
  return out;
};

async function openHostile(plain: Uint8Array) {
  const { sealed, key } = await sealRaw(plain, 0);
  // The hostile blob might not have the sealed length; openFallback must still answer with a refusal.
  return openFallback(pointWith([sealed]), { i: 0, key });
}

const codeOf = (r: { ok: boolean; error?: { code: RejectionCode } }) => (r.ok ? 'ok' : r.error?.code);

describe('sealFallbacks / openFallback', () => {
  it('round-trips every place with cleaned labels and rounded coordinates', async () => {
    const s = await sealAll();
    expect(s.places).toEqual([
      { label: 'Kastryčnickaja square', lat: 53.9023, lon: 27.5619 },
      { label: 'Park gate «east» 🌳', lat: -33.8688, lon: 151.2093 },
      { label: 'Bridge', lat: 0, lon: -180 },
    ]);
    const point = pointWith(s.sealed);
    for (const i of [0, 1, 2]) {
      expect(await openFallback(point, { i, key: s.keys[i]! })).toEqual({ ok: true, value: s.places[i] });
    }
  });

  it('seals to FALLBACK_SEALED_CHARS canonical base64url chars, with fresh keys and nonces', async () => {
    const a = await sealAll();
    const b = await sealAll();
    expect(FALLBACK_SEALED_CHARS).toBe(379);
    for (const s of [...a.sealed, ...b.sealed]) {
      expect(s).toHaveLength(FALLBACK_SEALED_CHARS);
      expect(isCanonicalB64url(s)).toBe(true);
    }
    for (const k of a.keys) expect(k).toHaveLength(43);
    expect(new Set([...a.sealed, ...b.sealed]).size).toBe(6);
    expect(new Set([...a.keys, ...b.keys]).size).toBe(6);
  });

  it('a short and a long label seal to the same length', async () => {
    const short = await sealFallbacks([{ label: 'x', lat: 1, lon: 1 }], header);
    const long = await sealFallbacks(
      [{ label: '🌳'.repeat(LIMITS.fallbackLabelChars), lat: -89.9999, lon: -179.9999 }],
      header,
    );
    expect(short.ok && long.ok && short.value.sealed[0]!.length === long.value.sealed[0]!.length).toBe(true);
  });

  it('a point payload carrying the sealed strings passes the payload parser', async () => {
    const s = await sealAll();
    const payload = pointWith(s.sealed).payload;
    const parsed = parsePayloadValue('point', payload, T);
    expect(parsed).toEqual({ ok: true, value: payload });
  });

  it('each index opens only with its own key', async () => {
    const s = await sealAll();
    const point = pointWith(s.sealed);
    for (const i of [0, 1, 2])
      for (const j of [0, 1, 2]) {
        const r = await openFallback(point, { i, key: s.keys[j]! });
        expect(codeOf(r)).toBe(i === j ? 'ok' : 'undecryptable');
      }
  });

  it('refuses a wrong key and ciphertexts swapped between indexes', async () => {
    const s = await sealAll();
    const wrong = toB64url(crypto.getRandomValues(new Uint8Array(32)));
    expect(codeOf(await openFallback(pointWith(s.sealed), { i: 0, key: wrong }))).toBe('undecryptable');
    const swapped = pointWith([s.sealed[1]!, s.sealed[0]!, s.sealed[2]!]);
    // Right key for the ciphertext, but the index bound in the associated data differs.
    expect(codeOf(await openFallback(swapped, { i: 0, key: s.keys[1]! }))).toBe('undecryptable');
    expect(codeOf(await openFallback(swapped, { i: 1, key: s.keys[0]! }))).toBe('undecryptable');
  });

  it('refuses the fallbacks copied into another point (other circle, author or time)', async () => {
    const s = await sealAll();
    const others: FallbackHeader[] = [
      { ...header, circle: 'BBBBBBBBBBBBBBBBBBBBBA' as CircleId },
      { ...header, author: 'B'.repeat(43) as PublicKey },
      { ...header, created: T + 1 },
    ];
    for (const h of others) {
      expect(codeOf(await openFallback(pointWith(s.sealed, h), { i: 0, key: s.keys[0]! }))).toBe('undecryptable');
    }
    expect(codeOf(await openFallback(pointWith(s.sealed), { i: 0, key: s.keys[0]! }))).toBe('ok');
  });

  it('refuses an index beyond the array, a point without fallbacks, and a malformed key', async () => {
    const s = await sealAll();
    const two = pointWith(s.sealed.slice(0, 2));
    expect(codeOf(await openFallback(two, { i: 2, key: s.keys[2]! }))).toBe('bad-field');
    expect(codeOf(await openFallback(two, { i: -1, key: s.keys[0]! }))).toBe('bad-field');
    expect(codeOf(await openFallback(two, { i: 0.5, key: s.keys[0]! }))).toBe('bad-field');
    expect(codeOf(await openFallback(pointWith(undefined), { i: 0, key: s.keys[0]! }))).toBe('bad-field');
    expect(codeOf(await openFallback(pointWith([]), { i: 0, key: s.keys[0]! }))).toBe('bad-field');
    expect(codeOf(await openFallback(two, { i: 0, key: s.keys[0]!.slice(1) }))).toBe('bad-field');
    expect(codeOf(await openFallback(pointWith([s.sealed[0]!.slice(1)]), { i: 0, key: s.keys[0]! }))).toBe('bad-field');
  });

  it('accepts a hand-sealed valid plaintext (the test sealer matches the spec)', async () => {
    const r = await openHostile(pad(JSON.stringify({ lon: 27.56189, label: ' Yard ', lat: 53.9 })));
    expect(r).toEqual({ ok: true, value: { label: 'Yard', lat: 53.9, lon: 27.5619 } });
  });

  it.each([
    // Another plaintext size gives a ciphertext of another length: refused before any decryption.
    ['255 bytes', pad('{"label":"a","lat":1,"lon":2}', 255), 'bad-field'],
    ['257 bytes', pad('{"label":"a","lat":1,"lon":2}', 257), 'bad-field'],
    ['no bytes', new Uint8Array(0), 'bad-field'],
    ['not JSON', pad('label=a;lat=1;lon=2'), 'not-json'],
    ['all spaces', pad(''), 'not-json'],
    [
      'padded with NUL instead of spaces',
      Uint8Array.from([...pad('{"label":"a","lat":1,"lon":2}', 29), ...new Uint8Array(227)]),
      'not-json',
    ],
    ['an array', pad('[1,2,3]'), 'bad-shape'],
    ['null', pad('null'), 'bad-shape'],
    ['a string', pad('"Bridge"'), 'bad-shape'],
    ['an extra field', pad('{"label":"a","lat":1,"lon":2,"note":"x"}'), 'bad-shape'],
    ['a missing field', pad('{"label":"a","lat":1}'), 'bad-shape'],
    ['a __proto__ field', pad('{"label":"a","lat":1,"__proto__":{"lon":2}}'), 'bad-shape'],
    ['an empty label', pad('{"label":"","lat":1,"lon":2}'), 'bad-field'],
    ['a blank label', pad('{"label":"   ","lat":1,"lon":2}'), 'bad-field'],
    ['a label with a control char', pad('{"label":"a\\u0007b","lat":1,"lon":2}'), 'bad-field'],
    ['a label with a bidi override', pad('{"label":"a\\u202eb","lat":1,"lon":2}'), 'bad-field'],
    ['a two-line label', pad('{"label":"a\\nb","lat":1,"lon":2}'), 'bad-field'],
    [
      'a too long label',
      pad(JSON.stringify({ label: 'x'.repeat(LIMITS.fallbackLabelChars + 1), lat: 1, lon: 2 })),
      'bad-field',
    ],
    ['a numeric label', pad('{"label":7,"lat":1,"lon":2}'), 'bad-field'],
    ['lat out of range', pad('{"label":"a","lat":90.5,"lon":2}'), 'bad-field'],
    ['lon out of range', pad('{"label":"a","lat":1,"lon":-181}'), 'bad-field'],
    ['lat as text', pad('{"label":"a","lat":"1","lon":2}'), 'bad-field'],
    ['lon null', pad('{"label":"a","lat":1,"lon":null}'), 'bad-field'],
  ] as const)('refuses a plaintext of %s', async (_what, plain, code) => {
    expect(codeOf(await openHostile(plain))).toBe(code);
  });

  it('refuses invalid UTF-8 inside an otherwise valid plaintext', async () => {
    const plain = pad('{"label":"ab","lat":1,"lon":2}');
    plain[11] = 0xff; // the "a" of the label
    expect(codeOf(await openHostile(plain))).toBe('not-json');
  });

  it.each([
    ['no places', [], 'bad-field'],
    ['four places', [...places, places[0]!], 'bad-field'],
    ['an empty label', [{ label: ' ', lat: 1, lon: 2 }], 'bad-field'],
    ['a control char', [{ label: 'a\u0000', lat: 1, lon: 2 }], 'bad-field'],
    ['a two-line label', [{ label: 'a\nb', lat: 1, lon: 2 }], 'bad-field'],
    ['a too long label', [{ label: 'é'.repeat(LIMITS.fallbackLabelChars + 1), lat: 1, lon: 2 }], 'bad-field'],
    ['a missing place', [{ label: 'a', lat: undefined, lon: 2 }], 'bad-field'],
    ['NaN', [{ label: 'a', lat: Number.NaN, lon: 2 }], 'bad-field'],
    ['lat beyond a pole', [{ label: 'a', lat: -91, lon: 2 }], 'bad-field'],
  ] as const)('refuses to seal %s', async (_what, input, code) => {
    const r = await sealFallbacks(input, header);
    expect(codeOf(r)).toBe(code);
  });
});
