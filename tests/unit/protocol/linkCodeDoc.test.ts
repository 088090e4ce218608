/** docs/protocol.md §15.1 agrees with the code: its limits table equals LINK, its marker and template are the real ones. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINK } from '../../../src/domain/limits';
import { LINK_CODE_MARKER, expandDescription, type LinkDescription } from '../../../src/protocol/linkCode';

const DOC = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'protocol.md'), 'utf8');
const lines = DOC.split('\n');
const start = lines.findIndex((l) => l.startsWith('### 15.1 Link codes'));
const end = lines.findIndex((l, i) => i > start && /^#{1,3} /.test(l));
const SECTION = lines.slice(start, end < 0 ? undefined : end).join('\n');

describe('docs/protocol.md §15.1 link codes', () => {
  it('exists and names the marker', () => {
    expect(start).toBeGreaterThan(0);
    expect(SECTION).toContain(`${LINK_CODE_MARKER}<base45`);
  });

  it('lists every key of LINK with its value', () => {
    const rows = SECTION.split('\n').filter((l) => /^\| [^|]+ \| `\w+` \| \d+ \|/.test(l));
    const table = Object.fromEntries(
      rows.map((l) => {
        const cells = l.split('|').map((c) => c.trim());
        return [cells[2]?.replace(/`/g, ''), Number(cells[3])];
      }),
    );
    expect(table).toEqual(LINK);
  });

  it('shows the template expandDescription really builds', () => {
    const desc: LinkDescription = {
      role: 'offer',
      session: '0000000000000001',
      expiresAt: 1_000_000_000_000,
      ufrag: 'abcd',
      pwd: 'p'.repeat(22),
      fingerprint: 'ab'.repeat(32),
      candidates: [{ kind: 'ipv4', address: '10.77.0.1', port: 5000 }],
    };
    const fixed = expandDescription(desc)
      .split('\r\n')
      .filter((l) => l && !/^(o=|a=candidate|a=ice-|a=fingerprint)/.test(l));
    for (const l of fixed) expect(SECTION, l).toContain(l);
  });
});
