/**
 * Enforces the folder boundaries of the README's Architecture over the real source tree, and
 * proves with in-memory files that the scanner catches each kind of crossing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBoundaries, type SourceText, type Violation } from '../fixtures/scanBoundaries';

const ROOT = join(import.meta.dirname, '..', '..');
const SCANNED = ['src', 'relay', 'service-worker'];

function sourcesUnder(dir: string): SourceText[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => {
      const full = join(dir, f);
      return { path: relative(ROOT, full).split(sep).join('/'), text: readFileSync(full, 'utf8') };
    });
}

const show = (vs: Violation[]) => vs.map((v) => `${v.file}:${v.line}: ${v.found} — ${v.rule}`).join('\n');

describe('folder boundaries', () => {
  it('hold across src/, relay/ and service-worker/', () => {
    const files = SCANNED.flatMap((d) => sourcesUnder(join(ROOT, d)));
    expect(files.some((f) => f.path === 'src/domain/foldPoints.ts')).toBe(true);
    const violations = checkBoundaries(files);
    expect(violations, `Boundary violations:\n${show(violations)}`).toEqual([]);
  });
});

describe('the boundary scanner (self-test on in-memory files)', () => {
  const rulesHit = (path: string, text: string) => checkBoundaries([{ path, text }]).map((v) => `${v.line} ${v.found}`);

  it('catches gun, leaflet and solid-js outside their folders, in every import form', () => {
    const text = [
      "import Gun from 'gun';",
      "import 'gun/sea.js';",
      "export { default } from 'leaflet';",
      'const L = await import("leaflet/dist/leaflet-src.esm.js");',
      "import { createSignal } from 'solid-js';",
      "type G = import('gun').IGunInstance;",
      "const g = require('gun/gun');",
    ].join('\n');
    expect(rulesHit('src/protocol/bad.ts', text)).toEqual([
      "1 import 'gun'",
      "2 import 'gun/sea.js'",
      "3 import 'leaflet'",
      "4 import 'leaflet/dist/leaflet-src.esm.js'",
      "5 import 'solid-js'",
      "6 import 'gun'",
      "7 import 'gun/gun'",
    ]);
  });

  it('keeps qrcode-generator inside src/ui/ (invite QR codes) and relay/ (its terminal QR code)', () => {
    expect(rulesHit('src/state/bad.ts', "import qrcode from 'qrcode-generator';")).toEqual([
      "1 import 'qrcode-generator'",
    ]);
    expect(rulesHit('src/domain/bad.ts', "const q = await import('qrcode-generator');")).toEqual([
      "1 import 'qrcode-generator'",
    ]);
    expect(rulesHit('service-worker/sw.ts', "import qrcode from 'qrcode-generator';")).toEqual([
      "1 import 'qrcode-generator'",
    ]);
    expect(rulesHit('src/relay/bad.ts', "import qrcode from 'qrcode-generator';")).toEqual([
      "1 import 'qrcode-generator'",
    ]);
    expect(rulesHit('src/ui/qrMatrix.ts', "import qrcode from 'qrcode-generator';")).toEqual([]);
    expect(rulesHit('relay/terminalQr.ts', "import qrcode from 'qrcode-generator';")).toEqual([]);
  });

  it('keeps jsqr (QR decoding) inside src/platform/ and its worker, also when imported lazily', () => {
    expect(rulesHit('src/ui/Scanner.tsx', "const m = await import('jsqr');")).toEqual(["1 import 'jsqr'"]);
    expect(rulesHit('src/state/bad.ts', "import jsQR from 'jsqr';")).toEqual(["1 import 'jsqr'"]);
    expect(rulesHit('src/domain/bad.ts', "import type { QRCode } from 'jsqr';")).toEqual(["1 import 'jsqr'"]);
    expect(
      rulesHit('src/platform/qrDecoder.ts', "const m = await import('jsqr');\nimport type { QRCode } from 'jsqr';"),
    ).toEqual([]);
    expect(rulesHit('src/workers/qrDecode.worker.ts', "import jsQR from 'jsqr';")).toEqual([]);
  });

  it('catches DOM globals in the pure folders, including type references', () => {
    const text =
      'export const t = () => document.title + window.name;\nlet e: HTMLElement;\nnavigator.onLine;\nlocalStorage.x; indexedDB.open("x");';
    const found = rulesHit('src/domain/bad.ts', text);
    for (const g of ['1 document', '1 window', '2 HTMLElement', '3 navigator', '4 localStorage', '4 indexedDB'])
      expect(found).toContain(g);
  });

  it('catches src/domain reaching into other folders and src/ui reaching into src/sync', () => {
    expect(
      rulesHit(
        'src/domain/bad.ts',
        "import { soulOf } from '../sync/souls';\nimport type { Circle } from '../protocol/circle';",
      ),
    ).toEqual(["1 import '../sync/souls'", "2 import '../protocol/circle'"]);
    expect(
      rulesHit(
        'src/ui/Sheet.tsx',
        "import { makeGunAdapter } from '../sync/gunAdapter';\nimport { x } from '/src/sync';",
      ),
    ).toEqual(["1 import '../sync/gunAdapter'", "2 import '/src/sync'"]);
  });

  it('keeps src/workers (worker entries) to domain and protocol', () => {
    const text =
      "import { openEnvelope } from '../protocol/openEnvelope';\nimport { LIMITS } from '../domain/limits';\nimport type { X } from './verifyMessages';\nimport { createVadaStore } from '../state';\nimport { soulOf } from '../sync/souls';\nimport { createSignal } from 'solid-js';";
    expect(rulesHit('src/workers/verify.worker.ts', text)).toEqual([
      "4 import '../state'",
      "5 import '../sync/souls'",
      "6 import 'solid-js'",
    ]);
  });

  it('catches platform APIs outside src/platform/', () => {
    const text =
      "navigator.serviceWorker.register('/sw.js');\nwindow.navigator.geolocation.watchPosition(f);\nnew Notification('x');\nwindow.localStorage.clear();\nself.indexedDB.open('db');\nnavigator.mediaDevices.getUserMedia({ video: true });\nnew BarcodeDetector({ formats: ['qr_code'] });\nconst D = window.BarcodeDetector;";
    expect(rulesHit('src/ui/bad.ts', text)).toEqual([
      '1 navigator.serviceWorker',
      '2 navigator.geolocation',
      '3 Notification',
      '4 localStorage',
      '5 indexedDB',
      '6 navigator.mediaDevices',
      '7 BarcodeDetector',
      '8 BarcodeDetector',
    ]);
  });

  it('allows each dependency in its own folder, and ignores comments, strings and property names', () => {
    const files: SourceText[] = [
      {
        path: 'src/sync/gunAdapter.ts',
        text: "import Gun from 'gun';\nconst g = Gun({ localStorage: false, peers: [] });",
      },
      { path: 'relay/main.ts', text: "import 'gun/lib/yson.js';\nimport Gun from 'gun';" },
      { path: 'src/map/PointLayer.ts', text: "import L from 'leaflet';" },
      {
        path: 'src/platform/geolocation.ts',
        text: 'navigator.geolocation.getCurrentPosition(() => {});\nindexedDB.open("vada");',
      },
      {
        path: 'src/platform/qrScanner.ts',
        text: "navigator.mediaDevices.getUserMedia({ video: true });\nconst D = window.BarcodeDetector;\nconst m = await import('jsqr');",
      },
      {
        path: 'src/domain/ok.ts',
        text: "// document, window and 'gun' in a comment\nconst s = 'navigator localStorage';\nimport { LIMITS } from './limits';\nconst o = { document: 1 }; o.document;",
      },
      {
        path: 'src/ui/App.tsx',
        text: "import { useStore } from '../state/store';\nimport type { PointView } from '../domain/foldPoints';\nexport const A = () => <div class=\"x\">{useStore().n}</div>;",
      },
    ];
    expect(show(checkBoundaries(files))).toBe('');
  });
});
