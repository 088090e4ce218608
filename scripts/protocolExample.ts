/**
 * Regenerates the worked example of docs/protocol.md: a fresh Ed25519 key pair
 * (extractable, printed, never to be used), one sealed `point` record in the
 * open circle, and every intermediate string. tests/unit/protocol/protocolDoc.test.ts
 * checks the published example against the real code.
 *
 *   npx tsx scripts/protocolExample.ts          print the example section
 *   npx tsx scripts/protocolExample.ts --write  replace it in docs/protocol.md
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { PublicKey } from '../src/domain/brand';
import { bucketOf } from '../src/domain/bucket';
import type { PointPayload } from '../src/domain/records';
import { toB64url } from '../src/protocol/base64url';
import { aadBytes, idBytes, signingBytes } from '../src/protocol/canonical';
import { openCircle } from '../src/protocol/circle';
import { sealRecord } from '../src/protocol/sealRecord';
import { soulOf } from '../src/protocol/souls';

const DOC = new URL('../docs/protocol.md', import.meta.url);
const BEGIN = '<!-- protocol-example:begin -->';
const END = '<!-- protocol-example:end -->';

const CREATED = Date.UTC(2025, 5, 1, 12, 0, 0);
const payload: PointPayload = {
  title: 'Example square, north steps',
  note: 'Example only.\nBring water.',
  lat: 53.9045,
  lon: 27.5615,
  start: CREATED + 30 * 60_000,
  end: CREATED + 90 * 60_000,
};

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const block = (lang: string, name: string, body: string) => `\`\`\`${lang} vada-example:${name}\n${body}\n\`\`\``;

async function main() {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pkcs8 = toB64url(new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)));
  const publicKey = toB64url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))) as PublicKey;
  const sealed = await sealRecord(
    { publicKey, privateKey: pair.privateKey },
    await openCircle(),
    'point',
    payload,
    CREATED,
  );
  const e = sealed.envelope;

  const section = [
    BEGIN,
    '',
    'Example key pair (**example key, never use**). Private key, PKCS#8 DER, base64url:',
    '',
    block('text', 'private-key', pkcs8),
    '',
    'Public key (`a`), raw 32 bytes, base64url:',
    '',
    block('text', 'public-key', publicKey),
    '',
    `Created \`t\` = ${CREATED} (${new Date(CREATED).toISOString()}). Payload plaintext, exactly the UTF-8 bytes that were encrypted:`,
    '',
    block('json', 'payload', JSON.stringify(payload)),
    '',
    'Nonce (`n`), 12 bytes mined for proof-of-work (§4.4), base64url:',
    '',
    block('text', 'nonce', e.n),
    '',
    'AES-GCM associated data (lines joined by a single `\\n`, no trailing newline):',
    '',
    block('text', 'aad', text(aadBytes(e))),
    '',
    'Signing string (Ed25519 signs exactly these UTF-8 bytes):',
    '',
    block('text', 'signing', text(signingBytes(e))),
    '',
    'Id input (SHA-256 of these bytes is the id):',
    '',
    block('text', 'id-input', text(idBytes(e))),
    '',
    'Wire envelope (the exact string stored in the graph):',
    '',
    block('json', 'wire', sealed.wire),
    '',
    `Record id (the graph key), under which the wire envelope is stored in the node \`${soulOf(e.c, bucketOf(e.t))}\`:`,
    '',
    block('text', 'id', sealed.id),
    '',
    END,
  ].join('\n');

  if (process.argv.includes('--write')) {
    const doc = readFileSync(DOC, 'utf8');
    const from = doc.indexOf(BEGIN);
    const to = doc.indexOf(END);
    if (from < 0 || to < from) throw new Error(`docs/protocol.md has no ${BEGIN} … ${END} section`);
    writeFileSync(DOC, doc.slice(0, from) + section + doc.slice(to + END.length));
    console.log('docs/protocol.md: example replaced');
  } else {
    console.log(section);
  }
}

await main();
