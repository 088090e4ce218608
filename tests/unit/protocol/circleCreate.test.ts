/** Private circles: random ids and keys from WebCrypto, kept as base64url for invites, usable for records. */
import { describe, expect, it } from 'vitest';
import { asCircleId, isB64url } from '../../../src/domain/brand';
import { createCircle, importCircleB64 } from '../../../src/protocol/circle';
import { generateIdentity } from '../../../src/protocol/identity';
import { openEnvelope } from '../../../src/protocol/openEnvelope';
import { sealRecord } from '../../../src/protocol/sealRecord';

describe('createCircle', () => {
  it('makes a 16-byte id and a 32-byte key, different every time', async () => {
    const a = await createCircle();
    const b = await createCircle();
    expect(asCircleId(a.circle.id)).toBe(a.circle.id);
    expect(isB64url(a.rawKey, 43)).toBe(true);
    expect(a.circle.id).not.toBe(b.circle.id);
    expect(a.rawKey).not.toBe(b.rawKey);
    expect(a.circle.key.extractable).toBe(false);
  });

  it('a member who imports the invite key opens the records; another circle key refuses them', async () => {
    const made = await createCircle();
    const other = await createCircle();
    const me = await generateIdentity();
    const now = Date.now();
    const sealed = await sealRecord(me, made.circle, 'organizer', { key: me.publicKey }, now);
    const member = await importCircleB64(made.circle.id, made.rawKey);
    const r = await openEnvelope(sealed.wire, member, { now });
    expect(r).toMatchObject({
      ok: true,
      value: { kind: 'organizer', circle: made.circle.id, payload: { key: me.publicKey } },
    });
    const outsider = await openEnvelope(sealed.wire, other.circle, { now });
    expect(outsider).toMatchObject({ ok: false, error: { code: 'wrong-circle' } });
    // Same id, wrong key (a forged invite): GCM refuses it.
    const forged = await importCircleB64(made.circle.id, other.rawKey);
    expect(await openEnvelope(sealed.wire, forged, { now })).toMatchObject({
      ok: false,
      error: { code: 'undecryptable' },
    });
  });
});
