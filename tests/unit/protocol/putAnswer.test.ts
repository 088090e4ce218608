/** Per-record PUT answers (protocol §11.1): what a relay builds, and what a client reads from any answer. */
import { describe, expect, it } from 'vitest';
import { putAnswer, recordFate, refusedRecords } from '../../../src/protocol/putAnswer';

const S1 = 'vada/1/dppG_Uyoep5QtOzl6T97OA/485772';
const S2 = 'vada/1/dppG_Uyoep5QtOzl6T97OA/485771';
const A = 'pVoIGtalvW0NdvSF6TVFFlWn89LxSh6gUF27AFlZdxA';
const B = 'i9CiUEXmv1cStar_wacOMYOoZE-sDSoOtqSbX3P1U1E';

describe('putAnswer', () => {
  it('answers `ok` alone when nothing was refused, and adds the refused records by soul and key', () => {
    expect(putAnswer('m1', { kind: 'stored', refused: [] })).toEqual({ '@': 'm1', ok: { '': 1 } });
    const refused = [
      { soul: S1, id: A, code: 'bad-id' },
      { soul: S2, id: A, code: 'wrong-bucket' },
      { soul: S1, id: B, code: 'over-quota' },
    ];
    expect(putAnswer('m1', { kind: 'stored', refused })).toEqual({
      '@': 'm1',
      ok: { '': 1 },
      refused: { [S1]: { [A]: 'bad-id', [B]: 'over-quota' }, [S2]: { [A]: 'wrong-bucket' } },
    });
    expect(refusedRecords([])).toBeUndefined();
  });

  it('lists each distinct code once in `err` when nothing was taken, and says when the journal failed', () => {
    const refused = [{ soul: S1, id: A, code: 'bad-id' }];
    expect(putAnswer('m2', { kind: 'refused', codes: ['bad-key', 'bad-id', 'bad-key'], refused })).toEqual({
      '@': 'm2',
      err: 'refused: bad-key,bad-id',
      refused: { [S1]: { [A]: 'bad-id' } },
    });
    expect(putAnswer('m3', { kind: 'failed', refused: [] })).toEqual({ '@': 'm3', err: 'relay storage failed' });
  });
});

describe('recordFate', () => {
  const mixed = putAnswer('m', { kind: 'stored', refused: [{ soul: S1, id: A, code: 'bad-signature' }] });

  it('reads a record’s own line first, then `err`, then `ok`', () => {
    expect(recordFate(mixed, S1, A)).toEqual({ kind: 'refused', reason: 'refused: bad-signature' });
    expect(recordFate(mixed, S1, B)).toEqual({ kind: 'stored' });
    // The same key under another node is another record.
    expect(recordFate(mixed, S2, A)).toEqual({ kind: 'stored' });
    const none = putAnswer('m', {
      kind: 'refused',
      codes: ['outside-namespace', 'bad-id'],
      refused: [{ soul: S1, id: A, code: 'bad-id' }],
    });
    expect(recordFate(none, S1, A)).toEqual({ kind: 'refused', reason: 'refused: bad-id' });
    expect(recordFate(none, S1, B)).toEqual({ kind: 'refused', reason: 'refused: outside-namespace,bad-id' });
    const failed = putAnswer('m', { kind: 'failed', refused: [{ soul: S1, id: A, code: 'over-quota' }] });
    expect(recordFate(failed, S1, A)).toEqual({ kind: 'refused', reason: 'refused: over-quota' });
    expect(recordFate(failed, S1, B)).toEqual({ kind: 'unknown' });
  });

  it('reads answers of older relays and GUN: a whole refusal, `ok`, other errors, nothing', () => {
    expect(recordFate({ '@': 'm', err: 'refused: bad-id' }, S1, A)).toEqual({
      kind: 'refused',
      reason: 'refused: bad-id',
    });
    expect(recordFate({ '@': 'm', ok: { '': 1 } }, S1, A)).toEqual({ kind: 'stored' });
    expect(recordFate({ '@': 'm', err: 'refused: ' }, S1, A)).toEqual({ kind: 'unknown' });
    expect(recordFate({ err: 'Error: No ACK yet.', lack: true }, S1, A)).toEqual({ kind: 'unknown' });
    expect(recordFate({ '@': 'm' }, S1, A)).toEqual({ kind: 'unknown' });
    expect(recordFate({ '@': 'm', ok: null }, S1, A)).toEqual({ kind: 'unknown' });
  });

  it('never throws and never takes a hostile line for a code', () => {
    const hostile: unknown[] = [
      null,
      42,
      'refused: x',
      [],
      { refused: [] },
      { refused: { [S1]: 'bad-id' }, ok: 1 },
      { refused: { [S1]: { [A]: '<img src=x onerror=alert(1)>' } }, ok: 1 },
      { refused: { [S1]: { [A]: 7 } }, ok: 1 },
      JSON.parse(`{"refused":{"__proto__":{"${A}":"bad-id"}},"ok":1}`),
      JSON.parse(`{"refused":{"${S1}":{"__proto__":"bad-id"}},"ok":1}`),
    ];
    const fates = hostile.map((h) => recordFate(h, S1, A).kind);
    expect(fates).toEqual([
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'stored',
      'stored',
      'stored',
      'stored',
      'stored',
    ]);
    expect(recordFate(JSON.parse(`{"refused":{"${S1}":{"__proto__":"bad-id"}}}`), S1, '__proto__')).toEqual({
      kind: 'refused',
      reason: 'refused: bad-id',
    });
  });
});
