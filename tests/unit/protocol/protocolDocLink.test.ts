/**
 * docs/protocol.md §15 (phone links) must agree with the code: its limits
 * table equals LINK_WIRE, the numbers quoted in prose are the constants', the
 * codes that cut a link are the frame reader's (each marked `link` in §14),
 * the frame shapes it prints parse, and the token text is linkToken's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINK_CUT_CODES } from '../../../src/sync/linkSession';
import { encodeLinkFrame, LINK_WIRE, parseLinkFrame } from '../../../src/protocol/linkWire';
import { linkTokenInput } from '../../../src/protocol/linkToken';
import { LINK_KEY_INFO } from '../../../src/protocol/circle';

const DOC = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'protocol.md'), 'utf8');
const PROSE = DOC.replace(/\s+/g, ' ');

function section(heading: string): string[] {
  const lines = DOC.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  if (start < 0) throw new Error(`docs/protocol.md has no heading "${heading}"`);
  const end = lines.findIndex((l, i) => i > start && /^#{1,6} /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}
const rows = (lines: string[]) =>
  lines
    .filter((l) => l.startsWith('|'))
    .slice(2)
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );

describe('docs/protocol.md §15 phone links', () => {
  it('keeps the link-code placeholder as its first subsection', () => {
    expect(section('### 15.1 Link codes').join('\n')).toContain('src/protocol/linkCode.ts');
  });

  it('lists every LINK_WIRE number exactly once, with its value', () => {
    const table: Record<string, number> = {};
    for (const [, key = '', value = ''] of rows(section('### 15.6 Rate limits, pacing and keep-alive'))) {
      const k = /^`(\w+)`$/.exec(key)?.[1] as string;
      expect(k, key).toBeDefined();
      expect(table[k], `${k} twice`).toBeUndefined();
      table[k] = Number(value);
    }
    expect(table).toEqual(LINK_WIRE);
  });

  it('quotes the same numbers in prose', () => {
    const w = LINK_WIRE;
    expect(PROSE).toContain(
      `**${w.frameBurst} frames** at once, refilled at **${w.framesPerSecond} frames per second**`,
    );
    expect(PROSE).toContain(
      `**${w.byteBurst} UTF-8 bytes** (1 MiB) at once, refilled at **${w.bytesPerSecond} bytes per second**`,
    );
    expect(PROSE).toContain(`refill at ${w.senderSharePercent} % of each rate`);
    expect(PROSE).toContain(`**sent** nothing for **${w.keepAliveMs / 1000} s**`);
    expect(PROSE).toContain(`**heard** nothing for **${w.silenceMs / 1000} s**`);
    expect(PROSE).toContain(`unless \`h + 1 ≥ ${w.hopLimit}\``);
    expect(PROSE).toContain(`0 to ${w.tokensMax} tokens, a multiple of ${w.tokensPad}`);
    expect(PROSE).toContain(`1 to ${w.idsMax} ids`);
    expect(PROSE).toContain(`1 to ${w.recordsMax} records`);
    expect(PROSE).toContain(`(${w.heldRecords}) records`);
    expect(PROSE).toContain(`(${encodeLinkFrame({ t: 'ping' }).length} bytes each`);
  });

  it('prints frame shapes that the reader accepts once filled in', () => {
    const table = rows(section('### 15.2 Frames'));
    expect(table.map(([t]) => t)).toEqual(['hello', 'circles', 'have', 'want', 'rec', 'ack', 'no', 'ping']);
    const fill = (shape: string) =>
      shape
        .replace(/^`|`$/g, '')
        .replace(/"<nonce>"|"<token>"/g, `"${'q'.repeat(21)}A"`)
        .replace(/"<id>"/g, `"${'A'.repeat(43)}"`)
        .replace('"<wire>"', '"{}"')
        .replace('<hour>', '472222')
        .replace('<hops>', '0')
        .replace('"<code>"', '"expired"')
        .replace(/,…/g, '');
    for (const [t = '', shape = ''] of table) {
      let text = fill(shape);
      if (t === 'circles') text = text.replace(/\[(.*)\]/, (_, x: string) => `[${Array(8).fill(x).join(',')}]`);
      const p = parseLinkFrame(text);
      expect(p.ok ? p.frame.t : p.code, `${t}: ${text}`).toBe(t);
    }
  });

  it('names the exact strings hashed: the HKDF info and the token text', () => {
    expect(PROSE).toContain(`the info string \`${LINK_KEY_INFO}\` (${LINK_KEY_INFO.length} bytes of ASCII)`);
    const example = linkTokenInput('A'.repeat(22), `${'B'.repeat(21)}A`);
    expect(PROSE).toContain(`e.g. \`${example}\``);
    expect(PROSE).toContain(`${example.length} characters in all`);
  });

  it('lists the codes that cut a link, each marked as raised by `link` in §14', () => {
    const cut = rows(section('### 15.7 What cuts a link'))
      .map(([code = '']) => /^`([a-z-]+)`$/.exec(code)?.[1])
      .filter((c): c is string => c !== undefined);
    expect(cut.sort()).toEqual([...LINK_CUT_CODES].sort());
    const raisedBy = new Map(
      rows(section('## 14. Refusal codes')).map(([code = '', by = '']) => [code.replace(/`/g, ''), by]),
    );
    for (const c of cut) expect(raisedBy.get(c), c).toMatch(/\blink\b/);
  });
});
