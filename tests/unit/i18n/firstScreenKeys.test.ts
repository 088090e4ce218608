/**
 * The split of English (src/i18n/t.ts): the first-screen catalogue
 * (src/i18n/enFirstScreen.ts, in the entry chunk) holds exactly the keys that
 * code in the entry asks for, found by tests/fixtures/entryMessageKeys.ts
 * from src/main.tsx along static imports. A key missing from it would read
 * as nothing on the first screen until the rest of English arrives; a key
 * no entry code uses is weight every first load carries for nothing. The
 * scanner itself is proved on in-memory files.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enFirstScreen } from '../../../src/i18n/enFirstScreen';
import { enRest } from '../../../src/i18n/enRest';
import { en } from '../../../src/i18n/locales/en';
import { entryFiles, entryMessageKeys, keysUsedIn, readFrom, type ReadSource } from '../../fixtures/entryMessageKeys';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const KEYS = Object.keys(en);
const FIRST = new Set(Object.keys(enFirstScreen));

const memory =
  (files: Record<string, string>): ReadSource =>
  (path) =>
    files[path];

describe('the first-screen catalogue', () => {
  const used = entryMessageKeys('src/main.tsx', readFrom(ROOT), KEYS);

  it('finds the entry the way the build does (sanity: the map and the bar are in it, the sheets are not)', () => {
    const files = entryFiles('src/main.tsx', readFrom(ROOT));
    expect(files).toContain('src/ui/shell/BottomBar.tsx');
    expect(files).toContain('src/i18n/enFirstScreen.ts');
    expect(files).not.toContain('src/ui/settings/SettingsSheet.tsx');
    expect(files).not.toContain('src/i18n/enRest.ts');
    expect(files).not.toContain('src/i18n/locales/en.ts');
  });

  it('holds every key that code in the entry uses (move the key from enRest.ts to enFirstScreen.ts)', () => {
    const missing = [...used].flatMap(([file, keys]) => keys.filter((k) => !FIRST.has(k)).map((k) => `${file}: ${k}`));
    expect(missing).toEqual([]);
  });

  it('holds no key that no code in the entry uses (move the key to enRest.ts)', () => {
    const everyUsed = new Set([...used.values()].flat());
    expect([...FIRST].filter((k) => !everyUsed.has(k))).toEqual([]);
  });

  it('and the rest are English together, each key in one of them only', () => {
    expect(Object.keys(enRest).filter((k) => FIRST.has(k))).toEqual([]);
    expect(new Set([...FIRST, ...Object.keys(enRest)])).toEqual(new Set(KEYS));
  });
});

describe('the entry key scanner', () => {
  const files = {
    'src/main.tsx': [
      "import { App } from './ui/App';",
      "import type { Later } from './ui/Later';",
      "import { type OnlyType } from './ui/Typed';",
      "export { helper } from './ui/helper';",
      "const Sheet = () => import('./ui/Sheet');",
    ].join('\n'),
    'src/ui/App.tsx': [
      "import { t } from '../i18n';",
      "import './side';",
      '// t("c.comment") is a comment, not a use',
      "export const App = () => t('a.literal') + t(`a.kind.${kind}`) + LABELS[x];",
      "const LABELS = { one: 'a.mapped' } as const;",
      "const catalogueLike = { 'a.unused': 'text' };",
    ].join('\n'),
    'src/ui/side.ts': "export const x = `${a}${b}`; t('a.side');",
    'src/ui/helper/index.ts': "export const helper = () => t('a.helper');",
    'src/ui/Later.ts': "t('b.later');",
    'src/ui/Typed.ts': "t('b.typed');",
    'src/ui/Sheet.tsx': "t('b.sheet');",
    'src/i18n/index.ts': '',
  };
  const keys = [
    'a.literal',
    'a.kind.one',
    'a.kind.two',
    'a.mapped',
    'a.side',
    'a.helper',
    'a.unused',
    'b.later',
    'b.typed',
    'b.sheet',
    'c.comment',
  ];

  it('follows static imports and re-exports, not import(), import type or type-only names', () => {
    expect(entryFiles('src/main.tsx', memory(files))).toEqual([
      'src/i18n/index.ts',
      'src/main.tsx',
      'src/ui/App.tsx',
      'src/ui/helper/index.ts',
      'src/ui/side.ts',
    ]);
  });

  it('counts literals, key maps and template keys, not comments, property names or bare templates', () => {
    expect(keysUsedIn('src/ui/App.tsx', files['src/ui/App.tsx'], keys)).toEqual([
      'a.kind.one',
      'a.kind.two',
      'a.literal',
      'a.mapped',
    ]);
    expect([...entryMessageKeys('src/main.tsx', memory(files), keys)]).toEqual([
      ['src/ui/App.tsx', ['a.kind.one', 'a.kind.two', 'a.literal', 'a.mapped']],
      ['src/ui/helper/index.ts', ['a.helper']],
      ['src/ui/side.ts', ['a.side']],
    ]);
  });
});
