/**
 * Enforces the README's "Allowed imports" table (Architecture) over the whole
 * source tree, read from the README itself so the document and the rule
 * cannot drift; pins the rules issue 12 asks for on that table; and proves
 * with in-memory files that the parser and the scanner catch every kind of
 * crossing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBoundaryTable, TABLE_HEADING, type FolderRule } from '../fixtures/boundaryTable';
import { checkBoundaries, type SourceText, type Violation } from '../fixtures/scanBoundaries';

const ROOT = join(import.meta.dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const RULES = parseBoundaryTable(README);
const SOURCE = /\.[cm]?[jt]sx?$/;

function sourcesUnder(dir: string): SourceText[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => SOURCE.test(f) && !f.split(sep).includes('node_modules'))
    .map((f) => {
      const full = join(dir, f);
      return { path: relative(ROOT, full).split(sep).join('/'), text: readFileSync(full, 'utf8') };
    });
}

const show = (vs: readonly Violation[]) => vs.map((v) => `${v.file}:${v.line}: ${v.found} — ${v.rule}`).join('\n');
const row = (folder: string): FolderRule => {
  const r = RULES.find((x) => x.folder === folder);
  if (!r) throw new Error(`the README table has no row ${folder}`);
  return r;
};
/** Top-level folders the table's rows live in: src, relay, service-worker, bench, scripts, tests. */
const ROOTS = [...new Set(RULES.map((r) => r.folder.split('/')[0] ?? r.folder))];

describe('the README table of allowed imports', () => {
  it('has a row for every folder and file under src/, and every row names something that exists', () => {
    for (const entry of readdirSync(join(ROOT, 'src'), { withFileTypes: true })) {
      if (!entry.isDirectory() && !SOURCE.test(entry.name)) continue;
      expect(
        RULES.map((r) => r.folder),
        `src/${entry.name} needs a row`,
      ).toContain(`src/${entry.name}`);
    }
    for (const r of RULES) expect(existsSync(join(ROOT, r.folder)), `row ${r.folder}`).toBe(true);
  });

  it('names only packages that package.json declares', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
    for (const r of RULES)
      for (const p of r.packages) if (p !== 'node:*') expect(declared, `${r.folder} lists ${p}`).toContain(p);
  });

  it('states the architecture rules of issue 12', () => {
    const importsOf = (folder: string) => [...row(folder).imports.keys()].sort();
    const rowsWith = (pkg: string) => RULES.filter((r) => r.packages.includes(pkg)).map((r) => r.folder);
    for (const pure of ['src/domain', 'src/protocol', 'src/state']) expect(row(pure).globals, pure).toBe('none');
    expect(importsOf('src/domain')).toEqual([]);
    // The UI names port types but reaches browser APIs only through the store or injected ports.
    for (const ui of ['src/ui', 'src/ui/shell', 'src/ui/common']) {
      expect(row(ui).imports.get('src/platform'), ui).not.toEqual({ typeOnly: false });
      expect(row(ui).globals, ui).toBe('dom');
    }
    expect(row('src/ui').imports.get('src/platform')).toEqual({ typeOnly: true });
    expect(importsOf('src/platform')).not.toContain('src/sync');
    expect(importsOf('relay')).toEqual(['src/domain', 'src/protocol', 'src/tiles']);
    // Only the map uses Leaflet (tests drive a real Leaflet map to check the points layer, issue 15).
    expect(rowsWith('leaflet').filter((f) => f !== 'tests')).toEqual(['src/map']);
    // Map packs (issue 14): only src/tiles reads and writes PMTiles (tests read packs back with the library);
    // src/tiles stays below the app, and only the code that stores, serves or builds packs uses it.
    expect(rowsWith('pmtiles').filter((f) => f !== 'tests')).toEqual(['src/tiles']);
    expect(importsOf('src/tiles')).toEqual(['src/domain', 'src/protocol']);
    expect(row('src/tiles').globals).toBe('none');
    expect(
      RULES.filter((r) => r.imports.has('src/tiles'))
        .map((r) => r.folder)
        .sort(),
    ).toEqual(['relay', 'scripts', 'service-worker', 'src/platform', 'tests']);
    // Of the shipped code only src/sync and the relay; tests and bench run stock GUN as baseline and hostile client.
    expect(rowsWith('gun').filter((f) => !['tests', 'bench'].includes(f))).toEqual(['src/sync', 'relay']);
  });

  it('keeps the UI layered: features never import the shell, common imports no feature, only the shell hosts the map', () => {
    const importers = (folder: string) => RULES.filter((r) => r.imports.has(folder)).map((r) => r.folder);
    // The shell composes the app: only the boot (and tests) reach it, no feature and not the common layer.
    expect(importers('src/ui/shell')).toEqual(['src/main.tsx', 'tests']);
    expect([...row('src/ui/common').imports.keys()].filter((f) => f.startsWith('src/ui'))).toEqual([]);
    expect(row('src/ui').imports.has('src/ui/common')).toBe(true);
    expect(importers('src/map').filter((f) => f.startsWith('src/'))).toEqual(['src/ui/shell']);
    expect(RULES.filter((r) => r.packages.includes('qrcode-generator') && r.folder.startsWith('src/'))).toEqual([
      row('src/ui/common'),
    ]);
  });

  it('has src/ui in feature folders only, each named in the README architecture', () => {
    const entries = readdirSync(join(ROOT, 'src', 'ui'), { withFileTypes: true });
    expect(
      entries.filter((e) => !e.isDirectory()).map((e) => e.name),
      'loose files in src/ui',
    ).toEqual([]);
    const block = /^src\/ui\/ .*(?:\n {15}.*)*/m.exec(README)?.[0] ?? '';
    expect(block, 'the README architecture has a src/ui/ entry').not.toBe('');
    for (const e of entries) expect(block, `src/ui/${e.name}/ in the README architecture`).toContain(`${e.name}/`);
  });
});

describe('folder boundaries', () => {
  it('hold across src/, relay/, service-worker/, bench/, scripts/ and tests/, as the README table says', () => {
    expect(ROOTS.sort()).toEqual(['bench', 'relay', 'scripts', 'service-worker', 'src', 'tests']);
    const files = ROOTS.flatMap((d) => sourcesUnder(join(ROOT, d)));
    for (const known of ['src/domain/foldPoints.ts', 'src/main.tsx', 'relay/main.ts', 'tests/unit/boundaries.test.ts'])
      expect(files.map((f) => f.path)).toContain(known);
    const violations = checkBoundaries(files, RULES);
    expect(violations, `Boundary violations:\n${show(violations)}`).toEqual([]);
  });
});

describe('the table parser (self-test)', () => {
  const table = (...rows: string[]) =>
    [
      '# X',
      TABLE_HEADING,
      '',
      'Text before the table.',
      '',
      '| folder | may import from the repository | may import packages | browser globals |',
      '|---|---|---|---|',
      ...rows,
      '',
      '## Next',
    ].join('\n');
  const DOMAIN = '| `src/domain/` | — | — | none |';
  const PLATFORM = '| `src/platform/` | `src/domain/` | `idb` | any |';

  it('reads folders, type-only imports, packages and globals', () => {
    const rules = parseBoundaryTable(
      table(
        DOMAIN,
        PLATFORM,
        '| `src/ui/` | `src/domain/`, `src/platform/` (types only) | `solid-js`, `node:*` | DOM |',
      ),
    );
    expect(rules.map((r) => [r.folder, [...r.imports], r.packages, r.globals])).toEqual([
      ['src/domain', [], [], 'none'],
      ['src/platform', [['src/domain', { typeOnly: false }]], ['idb'], 'any'],
      [
        'src/ui',
        [
          ['src/domain', { typeOnly: false }],
          ['src/platform', { typeOnly: true }],
        ],
        ['solid-js', 'node:*'],
        'dom',
      ],
    ]);
  });

  it('refuses what it cannot read instead of enforcing a looser rule', () => {
    expect(() => parseBoundaryTable('# no table here')).toThrow(/no "### Allowed imports" heading/);
    expect(() => parseBoundaryTable(`${TABLE_HEADING}\n\n## Next\n| a | b |`)).toThrow(/no table under/);
    expect(() => parseBoundaryTable(table(DOMAIN).replace('browser globals', 'globals'))).toThrow(/header must be/);
    expect(() => parseBoundaryTable(table('| `src/domain/` | — | — | some |'))).toThrow(
      /"some" is not none, DOM or any/,
    );
    expect(() => parseBoundaryTable(table(DOMAIN, '| `src/ui/` | src/domain/ | — | DOM |'))).toThrow(
      /cannot read "src\/domain\/"/,
    );
    expect(() => parseBoundaryTable(table(DOMAIN, '| `src/ui/` | `src/domain/` | `idb` (types only) | DOM |'))).toThrow(
      /applies to folders/,
    );
    expect(() => parseBoundaryTable(table('| `src/ui/` | `src/state/` | — | DOM |'))).toThrow(
      /src\/state, which has no row/,
    );
    expect(() => parseBoundaryTable(table(DOMAIN, DOMAIN))).toThrow(/appears twice/);
    expect(() => parseBoundaryTable(table('| `src/domain/` | — | none |'))).toThrow(/3 cells, expected 4/);
    expect(() => parseBoundaryTable(table('| `src/domain/` | — | `Not A Package!` | none |'))).toThrow(
      /is not a package name/,
    );
  });
});

describe('the boundary scanner (self-test on in-memory files, against the README table)', () => {
  const hits = (path: string, ...lines: string[]) =>
    checkBoundaries([{ path, text: lines.join('\n') }], RULES).map((v) => `${v.line} ${v.found}`);

  it('catches a crossing in every import form', () => {
    expect(
      hits(
        'src/protocol/bad.ts',
        "import Gun from 'gun';",
        "import '../sync/gunAdapter';",
        "export { x } from '../sync/gunIntake';",
        "export * from '../state';",
        "const L = await import('leaflet');",
        "import type { VadaStore } from '../state/createVadaStore';",
        "type G = import('gun').IGunInstance;",
        "const g = require('gun/gun');",
        "import App = require('../ui/shell/App');",
        "import { y } from '/src/sync/gunPut';",
        "const w = new URL('../workers/verify.worker.ts', import.meta.url);",
        "const m = import.meta.glob(['../ui/*/*.tsx', '!../ui/shell/App.tsx']);",
        "export type { SyncAdapter } from '../sync/SyncAdapter';",
      ),
    ).toEqual([
      "1 import 'gun'",
      "2 import '../sync/gunAdapter'",
      "3 import '../sync/gunIntake'",
      "4 import '../state'",
      "5 import 'leaflet'",
      "6 import '../state/createVadaStore'",
      "7 import 'gun'",
      "8 import 'gun/gun'",
      "9 import '../ui/shell/App'",
      "10 import '/src/sync/gunPut'",
      "11 import '../workers/verify.worker.ts'",
      "12 import '../ui/*/*.tsx'",
      "13 import '../sync/SyncAdapter'",
    ]);
  });

  it('allows a folder its own files, its row and its packages, and ignores comments and strings', () => {
    expect(
      hits(
        'src/protocol/ok.ts',
        "import { LIMITS } from '../domain/limits';",
        "import { sha256 } from '@noble/hashes/sha2.js';",
        "const doc = new URL('../../docs/protocol.md', import.meta.url);",
        "export * from './base64url';",
        "import type { Brand } from '/src/domain/brand';",
        "// import Gun from 'gun'; document.title",
        'const s = "import \'../ui/App\'";',
      ),
    ).toEqual([]);
  });

  it('lets src/ui import only types from src/platform (a value, side-effect or inline-type import loads platform code)', () => {
    expect(
      hits(
        'src/ui/safety/PinSettings.tsx',
        "import type { AppPinPort } from '../../platform/devicePorts';",
        "export type { WakeLockState } from '../../platform/alertPorts';",
        "type S = import('../../platform/settingsStore').SettingsStore;",
        "import { copyText } from '../../platform/clipboard';",
        "import { type UnlockResult } from '../../platform/pinLock';",
        "import '../../platform/clipboard';",
        "const p = await import('../../platform/pinLock');",
        "import { useVada } from '../../state';",
      ),
    ).toEqual([
      "4 import '../../platform/clipboard'",
      "5 import '../../platform/pinLock'",
      "6 import '../../platform/clipboard'",
      "7 import '../../platform/pinLock'",
    ]);
  });

  it('keeps the UI layered: a feature may use other features and common, never the shell; common uses no feature', () => {
    expect(
      hits(
        'src/ui/points/DetailsSheet.tsx',
        "import { App } from '../shell/App';",
        "import { Sheet } from '../common/Sheet';",
        "import { RaiseAlertButtons } from '../alerts/RaiseAlertButtons';",
        "import { createMapView } from '../../map';",
        "import qrcode from 'qrcode-generator';",
      ),
    ).toEqual(["1 import '../shell/App'", "4 import '../../map'", "5 import 'qrcode-generator'"]);
    expect(
      hits(
        'src/ui/common/createSubmission.ts',
        "import { errorDetail } from '../points/pointText';",
        "import { MapPane } from '../shell/MapPane';",
        "import { t } from '../../i18n';",
        "import type { AppPinPort } from '../../platform/devicePorts';",
        "import qrcode from 'qrcode-generator';",
      ),
    ).toEqual([
      "1 import '../points/pointText'",
      "2 import '../shell/MapPane'",
      "4 import '../../platform/devicePorts'",
    ]);
    expect(
      hits(
        'src/ui/shell/App.tsx',
        "import { DetailsSheet } from '../points/DetailsSheet';",
        "import { Sheet } from '../common/Sheet';",
        "import { createMapView } from '../../map';",
        "import type { AppUpdates } from '../../platform/serviceWorker';",
        "import { copyText } from '../../platform/clipboard';",
      ),
    ).toEqual(["5 import '../../platform/clipboard'"]);
    expect(
      hits(
        'src/main.tsx',
        "import './ui/shell/app.css';",
        "import { App } from './ui/shell/App';",
        "import { waitForUnlock } from './ui/safety/LockScreen';",
        "import { qrMatrix } from './ui/common/qrMatrix';",
      ),
    ).toEqual(["4 import './ui/common/qrMatrix'"]);
  });

  it('catches each crossing issue 12 named', () => {
    // LockScreen/PinSettings calling the PIN and wipe modules directly.
    expect(hits('src/ui/safety/LockScreen.tsx', "import { unlockWithPin } from '../../platform/pinLock';")).toEqual([
      "1 import '../../platform/pinLock'",
    ]);
    // src/platform importing src/sync (the outbox contract used to live there).
    expect(hits('src/platform/outboxStore.ts', "import type { Outbox } from '../sync/Outbox';")).toEqual([
      "1 import '../sync/Outbox'",
    ]);
    // The relay reaching into src/sync for souls and the message walk.
    expect(
      hits(
        'relay/sanitizeMessage.ts',
        "import { parseSoul } from '../src/sync/souls';",
        "import { walkMessage } from '../src/protocol/walkMessage';",
      ),
    ).toEqual(["1 import '../src/sync/souls'"]);
    // leaflet outside src/map, gun outside src/sync and relay/.
    expect(hits('src/ui/shell/MapPane.tsx', "import L from 'leaflet';")).toEqual(["1 import 'leaflet'"]);
    expect(hits('src/state/bad.ts', "import Gun from 'gun';")).toEqual(["1 import 'gun'"]);
    expect(hits('src/map/createMapView.ts', "import L from 'leaflet';")).toEqual([]);
    expect(hits('relay/gunInternals.ts', "import Gun from 'gun/gun.js';")).toEqual([]);
  });

  it('checks packages per row: Node built-ins only as node:*, nothing a row does not list', () => {
    expect(
      hits(
        'relay/x.ts',
        "import { readFileSync } from 'node:fs';",
        "import { readFile } from 'node:fs/promises';",
        "import { join } from 'path';",
        "import { createSignal } from 'solid-js';",
      ),
    ).toEqual(["3 import 'path'", "4 import 'solid-js'"]);
    // valibot (payload schemas) belongs to src/domain alone.
    expect(hits('src/domain/x.ts', "import * as v from 'valibot';")).toEqual([]);
    expect(hits('src/protocol/x.ts', "import * as v from 'valibot';")).toEqual(["1 import 'valibot'"]);
    expect(hits('src/domain/x.ts', "import { z } from 'zod';")).toEqual(["1 import 'zod'"]);
  });

  it('catches files and imports outside the table and outside the repository', () => {
    expect(hits('src/newFolder/x.ts', 'export const x = 1;')).toEqual(['1 src/newFolder/x.ts']);
    expect(hits('src/ui/points/x.ts', "import config from '../../../vite.config';")).toEqual([
      "1 import '../../../vite.config'",
    ]);
    expect(
      hits('src/domain/x.ts', "import notes from '../../../elsewhere/notes';", "import x from '/opt/elsewhere/x';"),
    ).toEqual(["1 import '../../../elsewhere/notes'", "2 import '/opt/elsewhere/x'"]);
  });

  it('catches DOM globals in src/domain and src/state, however they are reached', () => {
    const found = hits(
      'src/state/createNow.ts',
      "if (typeof document !== 'undefined') document.addEventListener('visibilitychange', f);",
      'const n = window.name + navigator.onLine + location.href;',
      'let e: HTMLElement | undefined; let k: KeyboardEvent;',
      "globalThis.localStorage.clear(); self['indexedDB'].open('x');",
      'history.back(); requestAnimationFrame(f); new ResizeObserver(f);',
    );
    for (const g of [
      '1 document',
      '2 window',
      '2 navigator',
      '2 location',
      '3 HTMLElement',
      '3 KeyboardEvent',
      '4 localStorage',
      '4 indexedDB',
      '5 history',
      '5 requestAnimationFrame',
      '5 ResizeObserver',
    ])
      expect(found).toContain(g);
    expect(hits('src/domain/x.ts', 'export const t = () => document.title;')).toEqual(['1 document']);
  });

  it('does not mistake locals, parameters, property names, comments or strings for DOM globals', () => {
    expect(
      hits(
        'src/state/ok.ts',
        "import { location } from './createLocation';",
        'export function f(document: { title: string }) { return document.title + location.x; }',
        'const o = { window: 1, navigator: 2 }; o.window; o.navigator;',
        'const { document: d } = o as never;',
        "// document.title and window.name in a comment; 'localStorage' in a string",
        'function g() { const history = [1]; return history.length; }',
        'try { f(o as never); } catch (screen) { void screen; }',
      ),
    ).toEqual([]);
  });

  it('keeps device APIs in src/platform: rows marked DOM may touch the page, not storage, camera or clipboard', () => {
    expect(
      hits(
        'src/ui/points/bad.tsx',
        "document.getElementById('x'); let i: HTMLInputElement;",
        "navigator.serviceWorker.register('/sw.js');",
        'window.navigator.geolocation.watchPosition(f);',
        "new Notification('x');",
        'window.localStorage.clear();',
        "self.indexedDB.open('db');",
        'navigator.mediaDevices.getUserMedia({ video: true });',
        "new BarcodeDetector({ formats: ['qr_code'] });",
        "navigator.clipboard.writeText('x'); caches.open('x');",
      ),
    ).toEqual([
      '2 navigator.serviceWorker',
      '3 navigator.geolocation',
      '4 Notification',
      '5 localStorage',
      '6 indexedDB',
      '7 navigator.mediaDevices',
      '8 BarcodeDetector',
      '9 navigator.clipboard',
      '9 caches',
    ]);
    expect(
      hits(
        'src/platform/ok.ts',
        "navigator.clipboard.writeText('x'); indexedDB.open('vada'); document.createElement('a');",
      ),
    ).toEqual([]);
  });
});
