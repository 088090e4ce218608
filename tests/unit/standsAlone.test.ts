/**
 * The project stands alone: nothing in the source, tests, tools or documents
 * refers to files outside the repository (a design folder next to it,
 * absolute paths of one machine, notes by their outside names). The finder
 * itself is proven on in-memory text first.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outsideReferences, type OutsideReference } from '../fixtures/outsideReferences';

const ROOT = join(import.meta.dirname, '..', '..');
/** Folders whose every text file is read, and every file at the top of the repository. */
const FOLDERS = ['src', 'tests', 'bench', 'scripts', 'relay', 'service-worker', 'docs', 'public'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git']);
const BINARY = /\.(?:png|jpe?g|gif|webp|ico|woff2?|ttf|y4m|mjpeg|zip|gz|pdf)$/i;
/** These two name the outside files in order to find them. */
const NAMING_THEM = new Set(['tests/fixtures/outsideReferences.ts', 'tests/unit/standsAlone.test.ts']);

const repoPath = (full: string) => relative(ROOT, full).split(sep).join('/');

function textFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.split(sep).some((part) => SKIPPED_DIRS.has(part)) && !BINARY.test(f))
    .map((f) => join(dir, f))
    .filter((full) => statSync(full).isFile());
}

function projectFiles(): string[] {
  const top = readdirSync(ROOT, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && !BINARY.test(e.name))
    .map((e) => join(ROOT, e.name));
  return [...top, ...FOLDERS.flatMap((d) => textFilesUnder(join(ROOT, d)))];
}

const show = (refs: readonly OutsideReference[]) =>
  refs.map((r) => `${r.file}:${r.line}: "${r.found}" — ${r.what}`).join('\n');

describe('the project stands alone', () => {
  it('refers to no file outside the repository in src/, tests/, bench/, scripts/, relay/, service-worker/, docs/ or the top-level files', () => {
    const files = projectFiles().map(repoPath);
    for (const known of ['README.md', 'docs/protocol.md', 'docs/gun-notes.md', 'bench/README.md', 'src/main.tsx'])
      expect(files).toContain(known);
    const refs = files
      .filter((f) => !NAMING_THEM.has(f))
      .flatMap((f) => outsideReferences(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(refs, `References outside the repository:\n${show(refs)}`).toEqual([]);
  });

  it('carries the outside facts it relies on into docs/, and the README and bench notes point there', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const bench = readFileSync(join(ROOT, 'bench/README.md'), 'utf8');
    const gun = readFileSync(join(ROOT, 'docs/gun-notes.md'), 'utf8');
    const floors = readFileSync(join(ROOT, 'docs/browser-floors.md'), 'utf8');
    expect(readme).toContain('gun-notes.md');
    expect(readme).toContain('browser-floors.md');
    expect(bench).toContain('docs/browser-floors.md');
    expect(bench).toContain('docs/gun-notes.md');
    // The figures the project quotes are in its own documents.
    for (const fact of ['289 of 1,000', '0 of 100', '99 URLs', 'multicast', '1,920 / 3,261 ms', '26 MB'])
      expect(gun).toContain(fact);
    for (const fact of ['1.2 ms', '137 ms', '254 ms', '16.7 / 16.8 ms', '~24,400', '118 ms'])
      expect(floors).toContain(fact);
  });
});

/** The outside folder's and notes' names, assembled so this file does not itself read as a reference to them. */
const OUT = ['sha', 'red'].join('');
const [GUN, FLOORS, THREAT] = [
  ['GUN', 'NOTES'],
  ['PERF', 'FLOORS'],
  ['THREAT', 'MODEL'],
].map((parts) => parts.join('-'));
const STYLE = `${'STY'}LE.md`;

describe('the outside-reference finder (self-test)', () => {
  const found = (text: string) => outsideReferences('x.md', text).map((r) => `${r.line} ${r.found}`);

  it('finds every outside form, with its line', () => {
    expect(
      found(
        [
          `See ../${OUT}/design/NOTES.md.`,
          `import x from '../../${OUT}';`,
          `The design notes (${OUT}/design) say so.`,
          "const dir = '/work/main/dist';",
          `Floors: file:///work/${OUT}/x`,
          `As ${GUN}.md and ${FLOORS} say; ${THREAT}.md; ${STYLE}.`,
        ].join('\n'),
      ),
    ).toEqual([
      `1 ../${OUT}`,
      `1 ${OUT}/design`,
      `2 ../../${OUT}`,
      `3 ${OUT}/design`,
      '4 /work/',
      '5 /work/',
      `6 ${GUN}`,
      `6 ${FLOORS}`,
      `6 ${THREAT}`,
      `6 ${STYLE}`,
    ]);
  });

  it('leaves the project’s own documents and ordinary words alone', () => {
    expect(
      found(
        [
          'docs/threat-model.md, docs/gun-notes.md and docs/browser-floors.md',
          `import { x } from '../${OUT}State'; a shared key; style.md`,
          'https://gun.eco/work/x and http://127.0.0.1:8765/work/ and src/work/x',
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});
