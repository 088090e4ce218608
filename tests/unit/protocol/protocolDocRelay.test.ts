/**
 * docs/protocol.md must agree with the code on what travels between clients
 * and relays: the list of refusal codes (§14) equals the codes the code can
 * raise, the relay limits table (§8.1) equals relay/relayLimits.ts, the PUT
 * answer examples (§11.1) are exactly what src/protocol/putAnswer.ts builds,
 * "white space" (Conventions) is exactly what the text rules trim, and the
 * numbers quoted in prose are the constants'. A new code, limit or answer
 * shape without its line in the document fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REJECTION_CODES } from '../../../src/domain/result';
import { checkText } from '../../../src/domain/text';
import { putAnswer, recordFate, type RecordRefusal } from '../../../src/protocol/putAnswer';
import { INTAKE_REFUSALS } from '../../../src/sync/gunIntake';
import { PUT_BATCH } from '../../../src/sync/gunPut';
import { RELAY_LIMITS } from '../../../relay/relayLimits';
import { RELAY_REFUSAL_CODES } from '../../../relay/refusalCodes';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'protocol.md'), 'utf8');
/** The doc's prose with line breaks folded, for phrases that wrap. */
const PROSE = DOC.replace(/\s+/g, ' ');

/** The lines of the section that starts with `heading`, up to the next heading of any level. */
function section(heading: string): string[] {
  const lines = DOC.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  if (start < 0) throw new Error(`docs/protocol.md has no heading "${heading}"`);
  const end = lines.findIndex((l, i) => i > start && /^#{1,6} /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The body rows of the first table in `lines`, as trimmed cells. */
function tableRows(lines: string[]): string[][] {
  const table = lines.filter((l) => l.startsWith('|'));
  if (table.length < 3) throw new Error('no table');
  return table.slice(2).map((l) =>
    l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim()),
  );
}

const backticked = (cell: string, where: string) => {
  const m = /^`([^`]+)`$/.exec(cell);
  if (!m?.[1]) throw new Error(`${where}: expected one \`name\`, got "${cell}"`);
  return m[1];
};

describe('§14 refusal codes', () => {
  const WHERE = new Set([
    'receiver',
    'relay',
    'answer',
    'intake',
    'invite',
    'fallback',
    'bundle',
    'import',
    'link code',
    'link',
    'reserved',
  ]);
  const rows = tableRows(section('## 14. Refusal codes')).map(([code = '', raisedBy = '', meaning = '']) => ({
    code: backticked(code, 'refusal code'),
    by: new Set(raisedBy.split(',').map((w) => w.trim())),
    meaning,
  }));
  const byCode = new Map(rows.map((r) => [r.code, r]));

  it('lists every code the code can raise, each once, and no other', () => {
    expect(rows.length, 'a code is listed twice').toBe(byCode.size);
    const inCode = new Set<string>([...REJECTION_CODES, ...RELAY_REFUSAL_CODES, ...INTAKE_REFUSALS]);
    expect(
      [...byCode.keys()].filter((c) => !inCode.has(c)),
      'listed but not in the code',
    ).toEqual([]);
    expect(
      [...inCode].filter((c) => !byCode.has(c)),
      'in the code but not listed',
    ).toEqual([]);
  });

  it('says where each is raised, in the words the section defines, with a meaning', () => {
    for (const r of rows) {
      expect(
        [...r.by].filter((w) => !WHERE.has(w)),
        `${r.code}: unknown "raised by" word`,
      ).toEqual([]);
      expect(r.meaning.length, `${r.code}: no meaning`).toBeGreaterThan(10);
      if (r.by.has('answer')) expect(r.by.has('relay'), `${r.code}: an answer code is a relay code`).toBe(true);
      if (r.by.has('reserved')) expect(r.by.size, `${r.code}: reserved means raised by nothing`).toBe(1);
    }
    for (const c of RELAY_REFUSAL_CODES) expect(byCode.get(c)?.by.has('relay'), `${c} is the relay's own`).toBe(true);
    for (const c of INTAKE_REFUSALS) expect(byCode.get(c)?.by.has('intake'), `${c} is raised by the intake`).toBe(true);
  });

  it('marks every code of the validation order (§7) as raised by receivers', () => {
    const codes = tableRows(section('## 7. Validation order')).flatMap(([, , cell = '']) =>
      [...cell.matchAll(/`([a-z-]+)`/g)].map((m) => m[1] as string),
    );
    expect(codes.length).toBeGreaterThan(20);
    for (const c of codes) expect(byCode.get(c)?.by.has('receiver'), `§7 code ${c}`).toBe(true);
  });

  it('raises a reserved code nowhere in src/ or relay/', () => {
    const reserved = rows.filter((r) => r.by.has('reserved')).map((r) => r.code);
    const files = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    // The catalogue of codes itself, and the UI's and translations' words for every code, may name it.
    const skip = (f: string) => f === join('src', 'domain', 'result.ts') || /^src[/\\](ui|i18n)[/\\]/.test(f);
    for (const f of [...files('src'), ...files('relay')].filter((x) => !skip(x))) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      for (const c of reserved)
        expect(text.includes(`'${c}'`), `${relative(ROOT, join(ROOT, f))} raises ${c}`).toBe(false);
    }
  });
});

describe('§8.1 relay limits table', () => {
  const UNIT_MS: Record<string, number> = { s: 1000, min: 60_000, h: 3_600_000 };
  const rows = tableRows(section('### 8.1 Relay limits'));

  it('lists every key of RELAY_LIMITS exactly once, with its value', () => {
    const table: Record<string, number> = {};
    for (const [, key = '', value = ''] of rows) {
      const k = backticked(key, 'relay limit key');
      expect(value, `${k}: value must be a plain number`).toMatch(/^\d+$/);
      expect(table[k], `${k} listed twice`).toBeUndefined();
      table[k] = Number(value);
    }
    expect(table).toEqual(RELAY_LIMITS);
  });

  it('contains no number that is not checked against RELAY_LIMITS', () => {
    for (const [name = '', key = '', value = '', unit = '', meaning = ''] of rows) {
      const human = /\((\d+) (s|min|h)\)/.exec(unit);
      if (human) expect(Number(human[1]) * (UNIT_MS[human[2] as string] ?? NaN), `${key} ${unit}`).toBe(Number(value));
      const rest = [
        name,
        unit.replace(/\(\d+ (s|min|h)\)/, '').replace('UTF-16', ''),
        meaning.replace(/section \d+(\.\d+)*/g, ''),
      ];
      expect(rest.join(' '), `${key}: unchecked number in the row`).not.toMatch(/\d/);
    }
  });

  it('quotes the same numbers in prose: time asks (§1.1) and PUT batches (§1)', () => {
    expect(PROSE).toContain(
      `a burst of ${RELAY_LIMITS.timeAskBurst} asks per link, then one every ${RELAY_LIMITS.timeAskEveryMs / 1000} s`,
    );
    expect(PROSE).toContain(`at most ${PUT_BATCH.records} records and ${PUT_BATCH.wireChars / 1024} KiB of wire text`);
  });
});

describe('§11.1 PUT answer examples', () => {
  const blocks = new Map(
    [...DOC.matchAll(/^```text vada-answer:([\w-]+)\n([\s\S]*?)\n```$/gm)].map((m) => [m[1] as string, m[2] as string]),
  );
  /** The records an example lists, read from the example itself. */
  const listed = (a: { refused?: Record<string, Record<string, string>> }): RecordRefusal[] =>
    Object.entries(a.refused ?? {}).flatMap(([soul, ids]) =>
      Object.entries(ids).map(([id, code]) => ({ soul, id, code })),
    );

  it('has the three examples', () => {
    expect([...blocks.keys()].sort()).toEqual(['mixed', 'refused', 'stored']);
  });

  it('shows exactly what the relay builds for each outcome, and each listed record reads as refused with its code', () => {
    for (const [name, text] of blocks) {
      const a = JSON.parse(text) as {
        '@': string;
        ok?: unknown;
        err?: string;
        refused?: Record<string, Record<string, string>>;
      };
      const refused = listed(a);
      const codes = a.err?.startsWith('refused: ') ? a.err.slice('refused: '.length).split(',') : [];
      const built =
        a.ok !== undefined
          ? putAnswer(a['@'], { kind: 'stored', refused })
          : putAnswer(a['@'], { kind: 'refused', codes, refused });
      expect(JSON.stringify(built), name).toBe(text);
      for (const r of refused)
        expect(recordFate(a, r.soul, r.id), name).toEqual({ kind: 'refused', reason: `refused: ${r.code}` });
    }
    expect(listed(JSON.parse(blocks.get('stored')!))).toEqual([]);
    expect(listed(JSON.parse(blocks.get('mixed')!)).length).toBeGreaterThan(1);
  });
});

describe('white space (Conventions)', () => {
  const paragraph = /- \*\*White space\*\* ([\s\S]*?)It is not/.exec(DOC)?.[1] ?? '';
  const documented = new Set<number>();
  for (const m of paragraph.matchAll(/U\+([0-9A-F]{4,6})(?:–U\+([0-9A-F]{4,6}))?/g)) {
    const from = parseInt(m[1] as string, 16);
    const to = m[2] ? parseInt(m[2], 16) : from;
    for (let c = from; c <= to; c++) documented.add(c);
  }
  const all = Array.from({ length: 0x110000 }, (_, c) => c).filter((c) => c < 0xd800 || c > 0xdfff);

  it('is exactly what the regular expression \\s matches', () => {
    expect(documented.size).toBeGreaterThan(20);
    expect(all.filter((c) => /^\s$/u.test(String.fromCodePoint(c)))).toEqual([...documented].sort((a, b) => a - b));
  });

  it('is exactly what the text rules trim from both ends of a title', () => {
    const trimmed = all.filter((c) => {
      const ch = String.fromCodePoint(c);
      const r = checkText(`${ch}${ch}x${ch}`, 'title', 1, 80, false);
      return r.ok && r.text === 'x';
    });
    expect(trimmed).toEqual([...documented].sort((a, b) => a - b));
  });
});
