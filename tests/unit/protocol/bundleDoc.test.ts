/**
 * docs/protocol.md §13 must agree with the code: its worked example (made from
 * the §12 record by scripts/bundleExample.ts) is exactly what the real code
 * packs, writes as text and splits into QR parts, and each form reads back to
 * the §12 wire; the layout block splits those bytes into the fields it names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/domain/limits';
import { RECORD_KINDS } from '../../../src/domain/records';
import { base45Length } from '../../../src/protocol/base45';
import { fromB64url } from '../../../src/protocol/base64url';
import { packBundle, unpackBundle } from '../../../src/protocol/bundle';
import { bundleToQrParts, createQrCollector, QR_MARKER } from '../../../src/protocol/bundleQr';
import { bundleToText, textToBundles } from '../../../src/protocol/bundleText';
import { createCircle, OPEN_CIRCLE_ID, openCircle } from '../../../src/protocol/circle';
import { encodeEnvelope, parseEnvelope, type Envelope } from '../../../src/protocol/envelope';
import { sealRecord } from '../../../src/protocol/sealRecord';
import { readVarint } from '../../../src/protocol/varint';
import { qrMatrix } from '../../../src/ui/common/qrMatrix';
import { LATIN_POINT, samplePoint } from '../../fixtures/bundleSamples';
import { fakeIdentity } from '../../fixtures/fakeIdentity';
import { smsSegments } from '../../fixtures/gsm7';

const DOC = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'protocol.md'), 'utf8');

function blocks(prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of DOC.matchAll(new RegExp(`^\`\`\`\\w+ ${prefix}:([\\w-]+)\\n([\\s\\S]*?)\\n\`\`\`$`, 'gm')))
    out.set(m[1] as string, m[2] as string);
  return out;
}
const bundle = blocks('vada-bundle');
const get = (name: string) => {
  const b = bundle.get(name);
  if (b === undefined) throw new Error(`docs/protocol.md has no \`vada-bundle:${name}\` block`);
  return b;
};
const wire = blocks('vada-example').get('wire') ?? '';
const hexOf = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const bytesOf = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));

describe('docs/protocol.md §13 worked example', () => {
  it('has every block, inside its markers, after §12', () => {
    expect([...bundle.keys()].sort()).toEqual(['hex', 'layout', 'qr', 'text']);
    const begin = DOC.indexOf('<!-- bundle-example:begin -->');
    expect(begin).toBeGreaterThan(DOC.indexOf('<!-- protocol-example:end -->'));
    expect(DOC.indexOf('```text vada-bundle:layout')).toBeGreaterThan(begin);
    expect(DOC.indexOf('<!-- bundle-example:end -->')).toBeGreaterThan(DOC.indexOf('```text vada-bundle:qr'));
    expect(parseEnvelope(wire).ok).toBe(true);
  });

  it('shows exactly the bytes packBundle makes of the §12 wire, and they unpack to it', () => {
    const bytes = packBundle([wire]);
    expect(get('hex').replace(/\n/g, '')).toBe(hexOf(bytes));
    expect(unpackBundle(bytesOf(get('hex').replace(/\n/g, '')))).toEqual({
      ok: true,
      value: { items: [{ ok: true, index: 1, wire }] },
    });
  });

  it('splits those bytes into the fields the layout names', () => {
    const lines = get('layout').split('\n');
    expect(lines.map((l) => l.split('#')[0]!.trim()).join('')).toBe(hexOf(packBundle([wire])));
    const fields = lines
      .map((l, i) => ({ i, hex: l.split('#')[0]!.trim(), what: l.split('#')[1]?.trim() }))
      .filter((f) => f.what !== undefined)
      .map((f) => {
        // A field's hex continues on the lines without a comment.
        let hex = f.hex;
        for (let j = f.i + 1; j < lines.length && !lines[j]!.includes('#'); j++) hex += lines[j]!.trim();
        return { what: f.what!, bytes: bytesOf(hex) };
      });
    const e = parseEnvelope(wire);
    if (!e.ok) throw new Error(e.error.detail);
    const named = (start: string) => {
      const f = fields.find((x) => x.what.startsWith(start));
      if (!f) throw new Error(`no layout line "${start}…"`);
      return f;
    };
    expect(named('version').bytes).toEqual(Uint8Array.of(1));
    expect(named('circle field').bytes).toEqual(Uint8Array.of(1));
    expect(named('author 0').bytes).toEqual(fromB64url(e.value.a));
    // One circle, one author, both index 0: the header is the kind's number alone.
    const k = RECORD_KINDS.indexOf(e.value.k);
    const header = named('record 1, header');
    expect(header.bytes).toEqual(Uint8Array.of(k));
    expect(header.what).toBe(
      `record 1, header H = ${k} + 6 × (0 + 1 × 0) = ${k}: kind ${k} = ${e.value.k}, circle 0, author 0`,
    );
    const t = named('t =');
    expect(readVarint(t.bytes, 0)).toEqual({ value: e.value.t, next: t.bytes.length });
    expect(t.what).toBe(`t = ${e.value.t}`);
    expect(named('nonce').bytes).toEqual(fromB64url(e.value.n));
    const len = named('ciphertext length');
    expect(readVarint(len.bytes, 0).value).toBe(fromB64url(e.value.p).length);
    expect(named('ciphertext and tag').bytes).toEqual(fromB64url(e.value.p));
    expect(named('signature').bytes).toEqual(fromB64url(e.value.s));
  });

  it('shows exactly the text form, and it reads back to the §12 wire', () => {
    const bytes = packBundle([wire]);
    expect(get('text')).toBe(bundleToText(bytes));
    const found = textToBundles(`Forwarded:\n${get('text')}\nPass it on.`);
    expect(found).toEqual({ bundles: [bytes], refusals: [] });
    expect(DOC).toContain(`Its text form (${get('text').length} characters`);
  });

  it('shows exactly the QR part(s), and they collect back to the §12 wire', () => {
    const bytes = packBundle([wire]);
    const parts = get('qr').split('\n');
    expect(parts).toEqual(bundleToQrParts(bytes));
    const c = createQrCollector();
    const last = parts.map((p) => c.add(p)).at(-1);
    expect(last).toEqual({ kind: 'complete', bundle: bytes, total: parts.length });
    if (last?.kind === 'complete')
      expect(unpackBundle(last.bundle)).toMatchObject({ ok: true, value: { items: [{ wire }] } });
  });
});

describe('docs/protocol.md §13.4 size figures', () => {
  it('are what a real sealed point with those texts takes, in the open circle and in a private one', async () => {
    const [alice, open, priv] = await Promise.all([fakeIdentity('alice'), openCircle(), createCircle()]);
    const created = Date.UTC(2025, 5, 1, 12);
    const [inOpen, inPrivate] = await Promise.all(
      [open, priv.circle].map(async (circle) => {
        const sealed = await sealRecord(alice, circle, 'point', samplePoint(LATIN_POINT, created), created);
        const bytes = packBundle([sealed.wire]);
        const text = bundleToText(bytes);
        const parts = bundleToQrParts(bytes);
        expect(parts).toHaveLength(1);
        const sms = smsSegments(text);
        expect(sms.gsm7).toBe(true);
        return { bytes, text, sms, version: (qrMatrix(parts[0]!, 'Alphanumeric')!.size - 17) / 4 };
      }),
    );
    expect(DOC).toContain(
      `a point with a ${LATIN_POINT.title.length}-character title and a ${LATIN_POINT.note.length}-character note (Latin script) in the open\n` +
        `circle is ${inOpen!.bytes.length} bytes: ${inOpen!.text.length} characters of text (${inOpen!.sms.segments} SMS), one QR code of version ${inOpen!.version}.`,
    );
    // The aim: a point in a private circle still fits 3 concatenated SMS (3 × 153 = 459 characters).
    expect(inPrivate!.sms.segments).toBeLessThanOrEqual(3);
    expect(DOC).toContain(
      `private circle lists its 16-byte circle id: ${inPrivate!.bytes.length} bytes, ${inPrivate!.text.length} characters of text (${inPrivate!.sms.segments} SMS, 459 at most).`,
    );
  });
});

describe('docs/protocol.md §13.1 record header', () => {
  it('names the radix the code uses, and its example packs as written', () => {
    const section = DOC.slice(DOC.indexOf('### 13.1'), DOC.indexOf('### 13.2'));
    expect(section).toContain(
      `| header H | varint | k + ${RECORD_KINDS.length} × (c + C × a), below ${RECORD_KINDS.length} × C × A`,
    );
    // The example: open circle, one private circle, three authors; an alert in the private circle by the second.
    const priv = 'B'.repeat(21) + 'w';
    const [first, second, third] = ['A', 'Q', 'g'].map((x) => x.repeat(42) + 'w');
    const envelope = (c: string, k: string, a: string): string =>
      encodeEnvelope({ v: 1, c, k, t: 1, a, n: 'A'.repeat(16), p: 'A'.repeat(22), s: 'A'.repeat(86) } as Envelope);
    const wires = [
      envelope(OPEN_CIRCLE_ID, 'point', first!),
      envelope(priv, 'alert', second!),
      envelope(OPEN_CIRCLE_ID, 'cancel', third!),
    ];
    expect(wires.map((w) => parseEnvelope(w).ok)).toEqual([true, true, true]);
    const bytes = packBundle(wires);
    // version, R, circle field, A, 1 listed circle, 3 authors, then record 1 (header, t, nonce, length, p, s).
    const record2 = 4 + 16 + 3 * 32 + (1 + 1 + 12 + 1 + 16 + 64);
    expect(bytes[record2]).toBe(0x15);
    expect(unpackBundle(bytes)).toMatchObject({
      ok: true,
      value: { items: wires.map((wire) => ({ ok: true, wire })) },
    });
    expect(section).toContain('H = 3 + 6 × (1 + 2 × 1) = 21, the byte `15`; H may be 0 to 35 there.');
  });
});

describe('docs/protocol.md §13 constants', () => {
  it('names the limits of src/domain/limits.ts it relies on', () => {
    const section = DOC.slice(DOC.indexOf('## 13. Bundles'));
    for (const key of [
      'bundleRecords',
      'bundleBytes',
      'bundleTextChars',
      'qrParts',
      'qrChunkBytes',
      'qrCollectorBundles',
    ] as const) {
      expect(section).toContain(`\`${key}\``);
      expect(key in LIMITS).toBe(true);
    }
    expect(section).toContain(`ciphertext length | varint | 16 to ${LIMITS.payloadBytes + 16}`);
    const body = base45Length(7 + LIMITS.qrChunkBytes);
    expect(section).toContain(`A full part is ${QR_MARKER.length} + ${body} = ${QR_MARKER.length + body} characters`);
  });
});
