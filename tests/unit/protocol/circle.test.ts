/** The open circle's published constants are what docs/protocol.md says they are. */
import { describe, expect, it } from 'vitest';
import type { CircleId } from '../../../src/domain/brand';
import { toB64url } from '../../../src/protocol/base64url';
import { importCircle, OPEN_CIRCLE_ID, OPEN_CIRCLE_KEY_HEX, openCircle } from '../../../src/protocol/circle';

const sha256 = async (s: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('open circle', () => {
  it('key = SHA-256("vada/1 open circle key")', async () => {
    expect(OPEN_CIRCLE_KEY_HEX).toBe(hex(await sha256('vada/1 open circle key')));
  });
  it('id = base64url of the first 16 bytes of SHA-256("vada/1 open circle id")', async () => {
    expect(OPEN_CIRCLE_ID).toBe(toB64url((await sha256('vada/1 open circle id')).slice(0, 16)));
  });
  it('imports as a non-extractable AES-GCM key under that id', async () => {
    const c = await openCircle();
    expect(c.id).toBe(OPEN_CIRCLE_ID);
    expect(c.key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect(c.key.extractable).toBe(false);
  });
  it('refuses keys that are not 32 bytes', async () => {
    await expect(importCircle(OPEN_CIRCLE_ID, new Uint8Array(16))).rejects.toThrow(/32 bytes/);
    await expect(importCircle('x' as CircleId, new Uint8Array(33))).rejects.toThrow(/32 bytes/);
  });
});
