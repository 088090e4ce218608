/**
 * The record id is SHA-256 of the id bytes (docs/protocol.md §5), computed with
 * @noble/hashes: it must equal the platform's own SHA-256 (WebCrypto) on real
 * records, change with every field, and a record under a wrong id is refused as
 * `bad-id` even when its signature is also bad (check 17 before 18 of §7).
 */
import { describe, expect, it } from 'vitest';
import type { CircleId } from '../../../src/domain/brand';
import { bucketOf } from '../../../src/domain/bucket';
import { buf, toB64url } from '../../../src/protocol/base64url';
import { idBytes } from '../../../src/protocol/canonical';
import { importCircle } from '../../../src/protocol/circle';
import { encodeEnvelope, type Envelope } from '../../../src/protocol/envelope';
import { generateIdentity } from '../../../src/protocol/identity';
import { inspectEnvelope } from '../../../src/protocol/inspectEnvelope';
import { recordIdOf, recordIdSync } from '../../../src/protocol/recordId';
import { sealRecord } from '../../../src/protocol/sealRecord';

const T = Date.UTC(2025, 5, 1, 12, 30);
const payload = { title: 'Id check', note: '', lat: 1, lon: 2, start: T, end: T + 3_600_000 };

async function sealed() {
  const circle = await importCircle('AAAAAAAAAAAAAAAAAAAAAA' as CircleId, new Uint8Array(32).fill(9));
  return sealRecord(await generateIdentity(), circle, 'point', payload, T);
}

describe('recordIdSync', () => {
  it("equals WebCrypto's SHA-256 of the id bytes, and recordIdOf gives the same", async () => {
    for (let i = 0; i < 3; i++) {
      const s = await sealed();
      const platform = toB64url(new Uint8Array(await crypto.subtle.digest('SHA-256', buf(idBytes(s.envelope)))));
      expect(recordIdSync(s.envelope)).toBe(platform);
      expect(await recordIdOf(s.envelope)).toBe(platform);
      expect(s.id).toBe(platform);
    }
  });

  it('changes when any field changes', async () => {
    const { envelope: e } = await sealed();
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const variants: Envelope[] = [
      { ...e, t: e.t + 1 },
      { ...e, k: 'cancel' },
      { ...e, n: flip(e.n) },
      { ...e, p: flip(e.p) },
      { ...e, s: flip(e.s) },
      { ...e, a: flip(e.a) as Envelope['a'] },
      { ...e, c: flip(e.c) as Envelope['c'] },
    ];
    const ids = new Set([recordIdSync(e), ...variants.map(recordIdSync)]);
    expect(ids.size).toBe(variants.length + 1);
  });

  it('a record under the wrong id is refused as bad-id, even with a bad signature too', async () => {
    const s = await sealed();
    const sig = s.envelope.s;
    const badSig = encodeEnvelope({ ...s.envelope, s: (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1) });
    const opts = { now: T + 1000, expectedBucket: bucketOf(T) };
    expect(await inspectEnvelope(badSig, { ...opts, expectedId: s.id })).toMatchObject({
      ok: false,
      error: { code: 'bad-id' },
    });
    // Under its own (new) id the same text reaches the signature check.
    const ownId = recordIdSync(JSON.parse(badSig) as Envelope);
    expect(await inspectEnvelope(badSig, { ...opts, expectedId: ownId })).toMatchObject({
      ok: false,
      error: { code: 'bad-signature' },
    });
    expect(await inspectEnvelope(s.wire, { ...opts, expectedId: s.id })).toMatchObject({ ok: true });
  });
});
