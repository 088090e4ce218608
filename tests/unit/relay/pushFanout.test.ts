/**
 * relay/pushFanout.ts: the pushes of one event-loop turn reach each peer in
 * order, one message alone or several as a JSON array, in frames under the
 * cap, and peers that get the same pushes share one encoded frame.
 */
import { describe, expect, it } from 'vitest';
import { makePushFanout, type FramePeer } from '../../../relay/pushFanout';

function peer(): FramePeer & { frames: Buffer[] } {
  const frames: Buffer[] = [];
  return { wire: { send() {}, close() {} }, frames, sendFrame: (f) => frames.push(f) };
}
const turn = () => new Promise((r) => setImmediate(r));
const texts = (p: { frames: Buffer[] }) => p.frames.map((f) => f.toString('utf8'));
const msg = (n: number, pad = 0) => JSON.stringify({ '#': `m${n}`, put: { s: { v: 'x'.repeat(pad) } } });

describe('makePushFanout', () => {
  it('sends one push alone as one message frame, after the turn', async () => {
    const fan = makePushFanout();
    const a = peer();
    fan.push(msg(1), [a]);
    expect(a.frames).toEqual([]);
    await turn();
    expect(texts(a)).toEqual([msg(1)]);
  });

  it('sends the pushes of one turn as one array frame, shared by peers that get the same ones', async () => {
    const fan = makePushFanout();
    const [a, b, c] = [peer(), peer(), peer()];
    fan.push(msg(1), [a, b, c]);
    fan.push(msg(2), [a, b]);
    fan.push(msg(3), [a, b, c]);
    await turn();
    expect(texts(a)).toEqual([`[${msg(1)},${msg(2)},${msg(3)}]`]);
    expect(b.frames[0]).toBe(a.frames[0]);
    expect(texts(c)).toEqual([`[${msg(1)},${msg(3)}]`]);
    // The next turn starts afresh.
    fan.push(msg(4), [c]);
    await turn();
    expect(texts(c).at(-1)).toBe(msg(4));
    expect(a.frames).toHaveLength(1);
  });

  it('keeps every frame under the cap, in order, and skips peers that left', async () => {
    const fan = makePushFanout(1000);
    const [a, gone] = [peer(), peer()];
    gone.wire = null;
    for (let i = 0; i < 10; i++) fan.push(msg(i, 300), [a, gone]);
    await turn();
    expect(a.frames.length).toBeGreaterThan(3);
    for (const f of a.frames) expect(f.length).toBeLessThanOrEqual(1000);
    const ids = a.frames.flatMap((f) => {
      const v = JSON.parse(f.toString('utf8')) as unknown;
      return (Array.isArray(v) ? v : [v]).map((m) => (m as { '#': string })['#']);
    });
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
    expect(gone.frames).toEqual([]);
  });
});
