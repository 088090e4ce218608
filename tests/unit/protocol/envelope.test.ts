/** parseEnvelope / encodeEnvelope and the canonical byte strings. */
import { describe, expect, it } from 'vitest';
import type { CircleId, PublicKey } from '../../../src/domain/brand';
import { aadBytes, idBytes, signingBytes } from '../../../src/protocol/canonical';
import { encodeEnvelope, parseEnvelope, PROTOCOL_VERSION, type Envelope } from '../../../src/protocol/envelope';

const e: Envelope = {
  v: 1,
  c: 'dppG_Uyoep5QtOzl6T97OA' as CircleId,
  k: 'point',
  t: 1_750_000_000_000,
  a: 'A'.repeat(43) as PublicKey,
  n: 'B'.repeat(16),
  p: 'C'.repeat(40),
  s: 'D'.repeat(85) + 'A', // 86 chars: the last one carries 2 bits, the rest must be zero
};
const text = new TextDecoder();

describe('encodeEnvelope', () => {
  it('writes the eight fields in the fixed order v c k t a n p s, without spaces', () => {
    const shuffled = { s: e.s, p: e.p, n: e.n, a: e.a, t: e.t, k: e.k, c: e.c, v: e.v };
    const wire = encodeEnvelope(shuffled);
    expect(wire).toBe(
      `{"v":1,"c":"${e.c}","k":"point","t":1750000000000,"a":"${e.a}","n":"${e.n}","p":"${e.p}","s":"${e.s}"}`,
    );
    expect(encodeEnvelope(e)).toBe(wire);
  });
  it('drops anything that is not one of the eight fields', () => {
    expect(encodeEnvelope({ ...e, extra: 1 } as Envelope)).toBe(encodeEnvelope(e));
  });
  it('round-trips through parseEnvelope', () => {
    expect(parseEnvelope(encodeEnvelope(e))).toEqual({ ok: true, value: e });
    expect(PROTOCOL_VERSION).toBe(1);
  });
});

describe('parseEnvelope', () => {
  it('accepts an already parsed object (no text to compare) with the same checks', () => {
    expect(parseEnvelope({ ...e })).toEqual({ ok: true, value: e });
    expect(parseEnvelope({ ...e, x: 1 })).toMatchObject({ ok: false, error: { code: 'bad-shape' } });
  });
  it('refuses the same fields spelt non-canonically', () => {
    expect(parseEnvelope(` ${encodeEnvelope(e)}`)).toMatchObject({ ok: false, error: { code: 'bad-shape' } });
    expect(parseEnvelope(encodeEnvelope(e).replace('"t":1750000000000', '"t":1.75e12'))).toMatchObject({
      ok: false,
      error: { code: 'bad-shape' },
    });
  });
  it('refuses inherited and prototype keys', () => {
    const proto = Object.assign(Object.create({ s: e.s }) as object, { ...e, s: undefined });
    delete (proto as { s?: string }).s;
    expect(parseEnvelope(proto)).toMatchObject({ ok: false, error: { code: 'bad-shape' } });
    expect(parseEnvelope(encodeEnvelope(e).replace('{', '{"__proto__":{},'))).toMatchObject({
      ok: false,
      error: { code: 'bad-shape' },
    });
  });
});

describe('canonical byte strings', () => {
  const head = `1\n${e.c}\npoint\n1750000000000\n${e.a}\n${e.n}`;
  it('AAD = "vada/1 aad" + header fields v c k t a n, joined by \\n', () => {
    expect(text.decode(aadBytes(e))).toBe(`vada/1 aad\n${head}`);
  });
  it('signing bytes = "vada/1 sig" + header + p', () => {
    expect(text.decode(signingBytes(e))).toBe(`vada/1 sig\n${head}\n${e.p}`);
  });
  it('id bytes = "vada/1 id" + header + p + s', () => {
    expect(text.decode(idBytes(e))).toBe(`vada/1 id\n${head}\n${e.p}\n${e.s}`);
  });
  it('separates the three uses by label', () => {
    const all = [aadBytes(e), signingBytes(e), idBytes(e)].map((b) => text.decode(b).split('\n')[0]);
    expect(new Set(all).size).toBe(3);
  });
});
