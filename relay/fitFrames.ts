/**
 * Keeps every frame this relay sends under the 64 KB cap that Vada relays
 * enforce on what they receive. GUN batches messages into frames of about
 * 9 KB and answers GETs from memory nine keys at a time, so this almost never
 * acts; but a PUT forwarded close to the cap grows when GUN re-serializes it,
 * and a federation peer would then drop the link. Oversized batches are split
 * into smaller arrays, oversized PUTs into several PUTs of fewer keys.
 */
import { randomBytes } from 'node:crypto';
import { isPlainObject } from '../src/protocol/walkMessage';

export const FRAME_BYTES = 64 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Splits one PUT message by keys into messages that each serialize under `cap`. */
function splitPut(msg: Record<string, unknown>, cap: number): string[] {
  const put = msg.put;
  if (!isPlainObject(put)) return [];
  const out: string[] = [];
  let part: Record<string, Record<string, unknown>> = {};
  let size = 0;
  const emit = () => {
    if (size === 0) return;
    // Each part needs its own message id: GUN drops repeated ids as echoes.
    const id = out.length === 0 ? msg['#'] : `${String(msg['#'] ?? '')}${randomBytes(6).toString('base64url')}`;
    out.push(JSON.stringify({ ...msg, '#': id, put: part }));
    part = {};
    size = 0;
  };
  for (const [soul, node] of Object.entries(put)) {
    if (!isPlainObject(node) || !isPlainObject(node._)) continue;
    const states = isPlainObject(node._['>']) ? node._['>'] : {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '_') continue;
      const add = bytes(JSON.stringify(value)) + key.length * 2 + 64;
      if (size + add > cap - 2048) emit();
      const n = (part[soul] ??= { _: { '#': soul, '>': {} } });
      (n._ as { '>': Record<string, unknown> })['>'][key] = states[key];
      n[key] = value;
      size += add + (size === 0 ? soul.length * 2 + 64 : 0);
    }
  }
  emit();
  return out;
}

/** The frames to send for `raw` (a GUN frame: one message or an array of them). */
export function fitFrames(raw: string, cap = FRAME_BYTES): string[] {
  if (bytes(raw) <= cap) return [raw];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  const messages: string[] = [];
  for (const m of Array.isArray(parsed) ? parsed : [parsed]) {
    if (!isPlainObject(m)) continue;
    const text = JSON.stringify(m);
    if (bytes(text) <= cap - 2) messages.push(text);
    else messages.push(...splitPut(m, cap));
  }
  const frames: string[] = [];
  let batch: string[] = [];
  let size = 2;
  for (const text of messages) {
    const n = bytes(text) + 1;
    if (batch.length > 0 && size + n > cap) {
      frames.push(`[${batch.join(',')}]`);
      batch = [];
      size = 2;
    }
    batch.push(text);
    size += n;
  }
  if (batch.length > 0) frames.push(`[${batch.join(',')}]`);
  return frames;
}
