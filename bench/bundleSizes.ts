/**
 * `npm run bench:bundle`: how big hand-over bundles of real sealed records are
 * in each form — bytes, text characters (the `vada1:` form), whether the text
 * is pure GSM-7 basic, SMS messages (160 alone, 153 per part concatenated),
 * and QR codes (how many, and each one's version at level M) — against a
 * baseline: the JSON wires as an array in base64url text, the naive way to
 * paste records (and its QR codes in byte mode, at most version 15 each).
 * Records are sealed for real (proof of work, signatures), in the open circle
 * (which a bundle names with one bit) and in a private circle (16 bytes).
 */
import type { PointPayload } from '../src/domain/records';
import { toB64url } from '../src/protocol/base64url';
import { packBundle } from '../src/protocol/bundle';
import { bundleToQrParts, qrPartCount } from '../src/protocol/bundleQr';
import { bundleToText } from '../src/protocol/bundleText';
import { LIMITS } from '../src/domain/limits';
import { createCircle, openCircle, type Circle } from '../src/protocol/circle';
import { sealFallbacks } from '../src/protocol/fallbacks';
import { generateIdentity, type Identity } from '../src/protocol/identity';
import { sealRecord } from '../src/protocol/sealRecord';
import { qrMatrix } from '../src/ui/common/qrMatrix';
import { CYRILLIC_POINT, LATIN_POINT, samplePoint } from '../tests/fixtures/bundleSamples';
import { isGsm7Basic, smsSegments } from '../tests/fixtures/gsm7';

const NOW = Date.now();
const LATIN = LATIN_POINT;
const CYRILLIC = CYRILLIC_POINT;
const point = (text: { title: string; note: string }, i = 0) => samplePoint(text, NOW, i);

const seal = (who: Identity, circle: Circle, p: PointPayload, i = 0) => sealRecord(who, circle, 'point', p, NOW + i);

/** QR version of a text (modules = 17 + 4 × version). */
function qrVersion(text: string, mode: 'Byte' | 'Alphanumeric'): number {
  const m = qrMatrix(text, mode);
  if (!m) throw new Error('text does not fit a QR code');
  return (m.size - 17) / 4;
}

/** Most characters of byte-mode text that still fit QR version 15 at M (measured, not from a table). */
function byteModeCapacityV15(): number {
  let lo = 1;
  let hi = 2000;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (qrVersion('A'.repeat(mid), 'Byte') <= 15) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface Row {
  readonly scenario: string;
  readonly records: number;
  readonly bytes: number;
  readonly chars: number;
  readonly gsm7: boolean;
  readonly sms: number;
  readonly qr: string;
  readonly baseChars: number;
  readonly baseSms: number;
  readonly baseQr: number;
}

function measure(scenario: string, wires: string[], byteCap: number): Row {
  const bytes = packBundle(wires);
  const text = bundleToText(bytes);
  const sms = smsSegments(text);
  const parts = qrPartCount(bytes.length) <= LIMITS.qrParts ? bundleToQrParts(bytes) : [];
  const versions = parts.map((p) => qrVersion(p, 'Alphanumeric'));
  const baseline = toB64url(new TextEncoder().encode(JSON.stringify(wires)));
  return {
    scenario,
    records: wires.length,
    bytes: bytes.length,
    chars: text.length,
    gsm7: isGsm7Basic(text) && sms.gsm7,
    sms: sms.segments,
    qr: `${parts.length} × v${[...new Set(versions)].join('/v')}`,
    baseChars: baseline.length,
    baseSms: smsSegments(baseline).segments,
    baseQr: Math.ceil(baseline.length / byteCap),
  };
}

async function main() {
  const circle = await openCircle();
  const priv = (await createCircle()).circle;
  const organizer = await generateIdentity();
  const authors = await Promise.all(Array.from({ length: 20 }, () => generateIdentity()));
  const latin = await seal(organizer, circle, point(LATIN));
  const cyrillic = await seal(organizer, circle, point(CYRILLIC));
  const latinPrivate = await seal(organizer, priv, point(LATIN));
  const cyrillicPrivate = await seal(organizer, priv, point(CYRILLIC));
  const places = [1, 2, 3].map((i) => ({ label: `Fallback place number ${i}`, lat: 53.9 + i / 100, lon: 27.56 }));
  const sealed = await sealFallbacks(places, { circle: circle.id, author: organizer.publicKey, created: NOW });
  if (!sealed.ok) throw new Error(sealed.error.detail);
  const withFallbacks = await seal(organizer, circle, { ...point(LATIN), fallbacks: sealed.value.sealed });
  const disperse = await sealRecord(
    organizer,
    circle,
    'alert',
    { point: latin.id, alert: 'disperse', reason: 'police' },
    NOW + 60_000,
  );
  const byMany = await Promise.all(authors.map((a, i) => seal(a, circle, point(LATIN, i), i)));
  const byOne = await Promise.all(authors.map((_, i) => seal(organizer, circle, point(LATIN, i), i)));
  const byteCap = byteModeCapacityV15();

  const rows = [
    measure('1 point, Latin', [latin.wire], byteCap),
    measure('1 point, Cyrillic', [cyrillic.wire], byteCap),
    measure('1 point, Latin, private circle', [latinPrivate.wire], byteCap),
    measure('1 point, Cyrillic, private circle', [cyrillicPrivate.wire], byteCap),
    measure('1 point, Latin, 3 fallbacks', [withFallbacks.wire], byteCap),
    measure('point + dispersal alert', [latin.wire, disperse.wire], byteCap),
    measure(
      '20 points, 20 authors',
      byMany.map((s) => s.wire),
      byteCap,
    ),
    measure(
      '20 points, 1 author',
      byOne.map((s) => s.wire),
      byteCap,
    ),
  ];
  console.log(
    `Latin point: title ${LATIN.title.length} chars, note ${LATIN.note.length}; Cyrillic: ${CYRILLIC.title.length} / ${CYRILLIC.note.length}`,
  );
  console.log('SMS: GSM-7, 160 characters alone or 153 per part concatenated (3 parts = 459, 5 parts = 765)');
  console.log(
    `Baseline: JSON array of the wires in base64url; its QR codes in byte mode at ≤ v15 (${byteCap} chars each)\n`,
  );
  console.table(
    rows.map((r) => ({
      scenario: r.scenario,
      bytes: r.bytes,
      'text chars': r.chars,
      'GSM-7': r.gsm7 ? 'yes' : 'no',
      SMS: r.sms,
      'QR (level M)': r.qr,
      'baseline chars': r.baseChars,
      'baseline SMS': r.baseSms,
      'baseline QR': r.baseQr,
    })),
  );
}

await main();
