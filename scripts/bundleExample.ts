/**
 * Regenerates the worked example of docs/protocol.md §13: the §12 example wire
 * packed into a bundle — its bytes field by field, in hex, as text and as QR
 * part(s). Run it after scripts/protocolExample.ts --write (a new §12 record
 * changes every byte). tests/unit/protocol/bundleDoc.test.ts checks the
 * published blocks against the real code.
 *
 *   npx tsx scripts/bundleExample.ts          print the example
 *   npx tsx scripts/bundleExample.ts --write  replace it in docs/protocol.md
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { RECORD_KINDS } from '../src/domain/records';
import { fromB64url } from '../src/protocol/base64url';
import { packBundle } from '../src/protocol/bundle';
import { bundleToQrParts } from '../src/protocol/bundleQr';
import { bundleToText } from '../src/protocol/bundleText';
import { OPEN_CIRCLE_ID } from '../src/protocol/circle';
import { parseEnvelope } from '../src/protocol/envelope';
import { writeVarint } from '../src/protocol/varint';

const DOC = new URL('../docs/protocol.md', import.meta.url);
const BEGIN = '<!-- bundle-example:begin -->';
const END = '<!-- bundle-example:end -->';
/** Bytes of hex per line. */
const WIDTH = 32;

const hex = (bytes: Uint8Array | readonly number[]) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const wrap = (s: string, n: number) => s.match(new RegExp(`.{1,${n}}`, 'g'))?.join('\n') ?? '';
const block = (name: string, body: string) => `\`\`\`text vada-bundle:${name}\n${body}\n\`\`\``;

/** One layout line per field: its hex (wrapped) and `# what it is` after the first line. */
function field(bytes: Uint8Array | readonly number[], what: string): string {
  const lines = wrap(hex(bytes), WIDTH * 2).split('\n');
  const pad = WIDTH * 2 + 2;
  return [`${(lines[0] ?? '').padEnd(pad)}# ${what}`, ...lines.slice(1)].join('\n');
}

function main() {
  const doc = readFileSync(DOC, 'utf8');
  const wire = /^```json vada-example:wire\n(.*)\n```$/m.exec(doc)?.[1];
  if (!wire) throw new Error('docs/protocol.md has no `vada-example:wire` block (§12)');
  const parsed = parseEnvelope(wire);
  if (!parsed.ok) throw new Error(`the §12 wire does not parse: ${parsed.error.code}`);
  const e = parsed.value;
  if (e.c !== OPEN_CIRCLE_ID) throw new Error('the layout below describes a record in the open circle');
  const bytes = packBundle([wire]);
  const p = fromB64url(e.p);
  const kind = RECORD_KINDS.indexOf(e.k);
  const h = kind + RECORD_KINDS.length * (0 + 1 * 0);
  const layout = [
    field([1], 'version 1'),
    field(writeVarint(1), 'record count: 1'),
    field(writeVarint(1), 'circle field: 0 listed ids × 2 + 1 (circle 0 is the open circle)'),
    field(writeVarint(1), 'author count: 1'),
    field(fromB64url(e.a), `author 0 (a = ${e.a})`),
    // Circle 0 (the open circle) and author 0, with C = 1 circle: H = k + 6 × (c + C × a) is the kind.
    field(
      writeVarint(h),
      `record 1, header H = ${kind} + 6 × (0 + 1 × 0) = ${h}: kind ${kind} = ${e.k}, circle 0, author 0`,
    ),
    field(writeVarint(e.t), `t = ${e.t}`),
    field(fromB64url(e.n), `nonce (n = ${e.n})`),
    field(writeVarint(p.length), `ciphertext length = ${p.length}`),
    field(p, 'ciphertext and tag (p)'),
    field(fromB64url(e.s), 'signature (s)'),
  ].join('\n');
  const text = bundleToText(bytes);
  const section = [
    BEGIN,
    '',
    `The §12 example record packed alone: ${bytes.length} bytes, against ${wire.length} characters of wire`,
    'text. Field by field (hex, then what it is; long fields continue on the next lines):',
    '',
    block('layout', layout),
    '',
    'The whole bundle in hex:',
    '',
    block('hex', wrap(hex(bytes), WIDTH * 2)),
    '',
    `Its text form (${text.length} characters; shown on one line, as it is sent):`,
    '',
    block('text', text),
    '',
    `Its QR part${bundleToQrParts(bytes).length > 1 ? 's' : ''} (alphanumeric mode, level M):`,
    '',
    block('qr', bundleToQrParts(bytes).join('\n')),
    '',
    END,
  ].join('\n');

  if (process.argv.includes('--write')) {
    const from = doc.indexOf(BEGIN);
    const to = doc.indexOf(END);
    if (from < 0 || to < from) throw new Error(`docs/protocol.md has no ${BEGIN} … ${END} section`);
    writeFileSync(DOC, doc.slice(0, from) + section + doc.slice(to + END.length));
    console.log('docs/protocol.md: bundle example replaced');
  } else {
    console.log(section);
  }
}

main();
