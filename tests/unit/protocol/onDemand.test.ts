/**
 * In-page verification is loaded on first use (docs/decisions/code-splitting.md):
 * openEnvelopeOnDemand and recordIdOnDemand answer exactly as openEnvelope and
 * recordIdOf do, refusals included; and the first load (src/main.tsx along
 * static imports, as tests/fixtures/entryMessageKeys.ts follows them) reaches
 * none of the verification and sealing stack, nor valibot or @noble/hashes.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeEnvelope, parseEnvelope } from '../../../src/protocol/envelope';
import { openEnvelope } from '../../../src/protocol/openEnvelope';
import { openEnvelopeOnDemand } from '../../../src/protocol/openEnvelopeOnDemand';
import { recordIdOf } from '../../../src/protocol/recordId';
import { recordIdOnDemand } from '../../../src/protocol/recordIdOnDemand';
import { entryFiles, readFrom } from '../../fixtures/entryMessageKeys';
import { makeFixture, sealPoint, type Fixture } from '../../fixtures/records';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let f: Fixture;

beforeAll(async () => {
  f = await makeFixture();
});

describe('verification on demand', () => {
  it('opens a genuine record as openEnvelope does', async () => {
    const now = Date.now();
    const sealed = await sealPoint(f, 'square', f.alice, now);
    const lazy = await openEnvelopeOnDemand(sealed.wire, f.circle, { now });
    expect(lazy.ok).toBe(true);
    expect(lazy).toEqual(await openEnvelope(sealed.wire, f.circle, { now }));
  });

  it('refuses a forged record with the same reason as openEnvelope', async () => {
    const now = Date.now();
    const sealed = await sealPoint(f, 'square', f.alice, now);
    const e = parseEnvelope(sealed.wire);
    if (!e.ok) throw new Error('fixture did not parse');
    // Another record's signature on this one.
    const forged = encodeEnvelope({ ...e.value, s: (await sealPoint(f, 'other', f.alice, now)).envelope.s });
    const lazy = await openEnvelopeOnDemand(forged, f.circle, { now });
    expect(lazy).toMatchObject({ ok: false, error: { code: 'bad-signature' } });
    expect(lazy).toEqual(await openEnvelope(forged, f.circle, { now }));
    expect(await openEnvelopeOnDemand('{"v":1}', f.circle, { now })).toEqual(
      await openEnvelope('{"v":1}', f.circle, { now }),
    );
  });

  it('gives the same record id as recordIdOf', async () => {
    const sealed = await sealPoint(f, 'square');
    const e = parseEnvelope(sealed.wire);
    if (!e.ok) throw new Error('fixture did not parse');
    expect(await recordIdOnDemand(e.value)).toBe(sealed.id);
    expect(await recordIdOnDemand(e.value)).toBe(await recordIdOf(e.value));
  });
});

describe('the first load', () => {
  const read = readFrom(ROOT);
  const files = entryFiles('src/main.tsx', read);

  it('finds the entry (sanity: the store and the envelope parser are in it)', () => {
    expect(files).toContain('src/state/createRecordSet.ts');
    expect(files).toContain('src/protocol/envelope.ts');
    expect(files).toContain('src/protocol/openEnvelopeOnDemand.ts');
  });

  it('holds none of the in-page verification and sealing code (import it on demand)', () => {
    const later = [
      'src/protocol/index.ts',
      'src/protocol/openEnvelope.ts',
      'src/protocol/inspectEnvelope.ts',
      'src/protocol/verifySignature.ts',
      'src/protocol/recordId.ts',
      'src/protocol/pow.ts',
      'src/protocol/sealRecord.ts',
      'src/protocol/fallbacks.ts',
      'src/domain/parsePayload.ts',
      'src/domain/payloadSchemas.ts',
    ];
    expect(files.filter((path) => later.includes(path))).toEqual([]);
  });

  it('imports neither valibot nor @noble/hashes', () => {
    const packages = /from\s+['"](valibot|@noble\/hashes)[^'"]*['"]/;
    expect(files.filter((path) => packages.test(read(path) ?? ''))).toEqual([]);
  });
});
