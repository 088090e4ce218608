/**
 * The client's frame cap: the intake drops a frame over LIMITS.frameBytes
 * (UTF-8 bytes, as relays count) before JSON.parse ever sees it, and still
 * delivers frames under it; binary frames and hostile keys are refused too.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../../src/domain/limits';
import { makeIntake, utf8Bytes, type IntakeRefusal } from '../../../src/sync/gunIntake';

const SOUL = 'vada/1/AAAAAAAAAAAAAAAAAAAAAA/480000';

/** A PUT frame of one value under SOUL, padded with `fill` until its text is about `bytes` UTF-8 bytes. */
function putFrame(bytes: number, fill = 'x'): string {
  const frame = (value: string) =>
    JSON.stringify({ '#': 'm1', put: { [SOUL]: { _: { '#': SOUL, '>': { rid: 1 } }, rid: value } } });
  const base = Buffer.byteLength(frame(''));
  const per = Buffer.byteLength(fill);
  return frame(fill.repeat(Math.floor((bytes - base) / per)));
}

function harness() {
  const original = vi.fn();
  const delivered: Array<[string, unknown]> = [];
  const refused: IntakeRefusal[] = [];
  const hear = makeIntake(
    original,
    (soul) => (soul === SOUL ? (id, value) => delivered.push([id, value]) : undefined),
    (r) => refused.push(r),
  );
  return { hear, original, delivered, refused };
}

afterEach(() => vi.restoreAllMocks());

describe('gun intake frame cap', () => {
  it('drops a 70 KB frame before JSON.parse is called, and says why', () => {
    const { hear, original, delivered, refused } = harness();
    const parse = vi.spyOn(JSON, 'parse');
    const frame = putFrame(70 * 1024);
    expect(Buffer.byteLength(frame)).toBeGreaterThan(LIMITS.frameBytes);
    hear(frame, {});
    expect(parse).not.toHaveBeenCalled();
    expect(refused).toEqual(['too-large']);
    expect(delivered).toEqual([]);
    expect(original).not.toHaveBeenCalled();
  });

  it('delivers a 63 KB frame', () => {
    const { hear, delivered, refused } = harness();
    const parse = vi.spyOn(JSON, 'parse');
    const frame = putFrame(63 * 1024);
    hear(frame, {});
    expect(parse).toHaveBeenCalledTimes(1);
    expect(refused).toEqual([]);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.[0]).toBe('rid');
  });

  it('counts UTF-8 bytes, not string length: 40,000 Cyrillic letters are 80,000 bytes', () => {
    const { hear, delivered, refused } = harness();
    const frame = putFrame(80_000, 'ж');
    // The string is short enough by .length but over the cap on the wire.
    expect(frame.length).toBeLessThan(LIMITS.frameBytes);
    expect(Buffer.byteLength(frame)).toBeGreaterThan(LIMITS.frameBytes);
    hear(frame, {});
    expect(refused).toEqual(['too-large']);
    expect(delivered).toEqual([]);

    const under = putFrame(60_000, 'ж');
    hear(under, {});
    expect(delivered).toHaveLength(1);
  });

  it('accepts exactly frameBytes and refuses one byte more', () => {
    const exact = harness();
    const frame = putFrame(LIMITS.frameBytes);
    const pad = LIMITS.frameBytes - Buffer.byteLength(frame);
    const at = frame.replace('"rid":"', `"rid":"${'y'.repeat(pad)}`);
    expect(Buffer.byteLength(at)).toBe(LIMITS.frameBytes);
    exact.hear(at, {});
    expect(exact.refused).toEqual([]);
    expect(exact.delivered).toHaveLength(1);

    const over = harness();
    over.hear(at.replace('"rid":"', '"rid":"y'), {});
    expect(over.refused).toEqual(['too-large']);
  });

  it('refuses binary frames unread and reports hostile keys', () => {
    const { hear, original, delivered, refused } = harness();
    hear(Buffer.from(putFrame(1000)), {});
    hear(new ArrayBuffer(8), {});
    hear('{not json', {});
    hear('{"#":"m2","put":{"__proto__":{"x":1}}}', {});
    expect(refused).toEqual(['not-text', 'not-text', 'not-json', 'forbidden-key']);
    expect(delivered).toEqual([]);
    expect(original).not.toHaveBeenCalled();
  });
});

describe('utf8Bytes', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['жж', 4],
    ['€', 3],
    ['😀', 4],
    ['a\ud800b', 5],
  ])('%j is %i bytes, as Buffer.byteLength says', (s, n) => {
    expect(utf8Bytes(s)).toBe(n);
    expect(utf8Bytes(s)).toBe(Buffer.byteLength(s));
  });

  it('stops counting past the limit', () => {
    expect(utf8Bytes('жжжж', 5)).toBe(6);
    expect(utf8Bytes('abcdef', 5)).toBe(6);
    expect(utf8Bytes('abcde', 5)).toBe(5);
  });

  it('hands answers to the adapter’s own PUTs to it, and only those; GUN gets every other message', () => {
    const original = vi.fn();
    const answers: unknown[] = [];
    const hear = makeIntake(
      original,
      () => undefined,
      () => {},
      () => false,
      (m) => m['@'] === 'own-put' && answers.push(m) > 0,
    );
    hear(JSON.stringify([{ '@': 'own-put', ok: { '': 1 } }, { '@': 'gun-get', ok: 1 }, { dam: 'hi' }]), 'peer');
    expect(answers).toEqual([{ '@': 'own-put', ok: { '': 1 } }]);
    expect(original.mock.calls.map(([m]) => m)).toEqual([{ '@': 'gun-get', ok: 1 }, { dam: 'hi' }]);
  });
});
