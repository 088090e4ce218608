/**
 * docs/protocol.md must agree with the code: its worked example verifies with
 * the real openEnvelope and yields exactly the documented payload, id and
 * intermediate strings; its limits table equals src/domain/limits.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bucketOf } from '../../../src/domain/bucket';
import { LIMITS } from '../../../src/domain/limits';
import { aadBytes, idBytes, signingBytes } from '../../../src/protocol/canonical';
import { OPEN_CIRCLE_ID, OPEN_CIRCLE_KEY_HEX, openCircle } from '../../../src/protocol/circle';
import { parseEnvelope, type Envelope } from '../../../src/protocol/envelope';
import { openEnvelope } from '../../../src/protocol/openEnvelope';
import { soulOf } from '../../../src/protocol/souls';
import { identityFromPkcs8 } from '../../fixtures/fakeIdentity';

const DOC = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'protocol.md'), 'utf8');
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Fenced blocks whose info string is "<lang> vada-example:<name>". */
function exampleBlocks(md: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of md.matchAll(/^```\w+ vada-example:([\w-]+)\n([\s\S]*?)\n```$/gm))
    out.set(m[1] as string, m[2] as string);
  return out;
}

describe('docs/protocol.md worked example', () => {
  const blocks = exampleBlocks(DOC);
  const get = (name: string) => {
    const b = blocks.get(name);
    if (b === undefined) throw new Error(`docs/protocol.md has no \`vada-example:${name}\` block`);
    return b;
  };
  let envelope: Envelope;
  beforeAll(() => {
    const parsed = parseEnvelope(get('wire'));
    if (!parsed.ok) throw new Error(`example wire envelope does not parse: ${parsed.error.code}`);
    envelope = parsed.value;
  });

  it('has every block', () => {
    expect([...blocks.keys()].sort()).toEqual([
      'aad',
      'id',
      'id-input',
      'nonce',
      'payload',
      'private-key',
      'public-key',
      'signing',
      'wire',
    ]);
  });

  it('verifies with openEnvelope in the open circle and yields exactly the documented payload and id', async () => {
    const r = await openEnvelope(get('wire'), await openCircle(), {
      now: envelope.t + 1000,
      expectedId: get('id'),
      expectedBucket: bucketOf(envelope.t),
    });
    expect(r).toEqual({
      ok: true,
      value: {
        id: get('id'),
        circle: OPEN_CIRCLE_ID,
        author: get('public-key'),
        created: envelope.t,
        kind: 'point',
        payload: JSON.parse(get('payload')),
        nonce: envelope.n,
      },
    });
  });

  it('shows the real nonce, AAD, signing string and id input of that envelope', () => {
    expect(get('nonce')).toBe(envelope.n);
    expect(get('aad')).toBe(text(aadBytes(envelope)));
    expect(get('signing')).toBe(text(signingBytes(envelope)));
    expect(get('id-input')).toBe(text(idBytes(envelope)));
    expect(DOC).toContain(`\`${soulOf(envelope.c, bucketOf(envelope.t))}\``);
  });

  it('prints a private key that belongs to the public key', async () => {
    expect((await identityFromPkcs8(get('private-key'))).publicKey).toBe(get('public-key'));
  });
});

describe('docs/protocol.md constants', () => {
  it('names the open circle id and key of src/protocol/circle.ts', () => {
    expect(DOC).toContain(`| open circle id | \`${OPEN_CIRCLE_ID}\` |`);
    expect(DOC).toContain(`| open circle key (hex) | \`${OPEN_CIRCLE_KEY_HEX}\` |`);
  });
  it('gives the ciphertext range that the payload limit implies', () => {
    const maxP = Math.ceil(((LIMITS.payloadBytes + 16) * 4) / 3);
    expect(DOC).toContain(`22 to ${maxP} base64url chars (16 to ${LIMITS.payloadBytes + 16} bytes)`);
    expect(DOC).toContain(`\`p\` is not 22 to ${maxP} canonical base64url characters`);
  });
});

describe('docs/protocol.md limits table', () => {
  const UNIT_MS: Record<string, number> = { min: 60_000, h: 3_600_000 };
  // Up to §8.1, the relays' own limits (checked in protocolDocRelay.test.ts).
  const section = DOC.slice(DOC.indexOf('## 8. Limits'), DOC.indexOf('### 8.1'));
  const rows = section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Limit') && !l.startsWith('|---'))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );

  it('lists every key of LIMITS exactly once, with its value', () => {
    const table: Record<string, number> = {};
    for (const [, key, value] of rows) {
      const k = /^`(\w+)`$/.exec(key ?? '')?.[1];
      expect(k, `limits row without a \`key\`: ${key}`).toBeDefined();
      expect(value, `${k}: value must be a plain integer`).toMatch(/^\d+$/);
      expect(table[k as string], `${k} listed twice`).toBeUndefined();
      table[k as string] = Number(value);
    }
    expect(table).toEqual(LIMITS);
  });

  it('contains no number that is not checked against LIMITS', () => {
    for (const [name = '', key = '', value = '', unit = '', meaning = ''] of rows) {
      const human = /\((\d+) (min|h)\)/.exec(unit);
      if (human) expect(Number(human[1]) * (UNIT_MS[human[2] as string] ?? NaN), `${key} ${unit}`).toBe(Number(value));
      const rest = [name, unit.replace(/\(\d+ (min|h)\)/, ''), meaning].join(' ');
      expect(rest, `${key}: unchecked number in the row`).not.toMatch(/\d/);
    }
  });
});
