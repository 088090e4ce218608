/**
 * The relay's own message ids (relay/relayMessageId.ts): one length, safe as
 * GUN object keys and for other relays' routing check, and never repeated,
 * across refills of the random pool too.
 */
import { describe, expect, it } from 'vitest';
import { relayMessageId } from '../../../relay/relayMessageId';
import { isSafeId } from '../../../relay/routingFields';

describe('relayMessageId', () => {
  it('makes distinct 16-character base64url ids that other relays take as safe', () => {
    const ids = Array.from({ length: 2000 }, () => relayMessageId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(isSafeId(id)).toBe(true);
    }
  });
});
