/** makeReceiver with the default (in-process) and an injected verifier: only verified records reach subscribers. */
import { describe, expect, it } from 'vitest';
import { bucketOf } from '../../../src/domain/bucket';
import { makeManualClock } from '../../../src/domain/clock';
import type { VerifiedRecord } from '../../../src/domain/records';
import { ok, refuse, type Rejection, type Result } from '../../../src/domain/result';
import type { Circle } from '../../../src/protocol/circle';
import type { InspectOptions } from '../../../src/protocol/inspectEnvelope';
import { makeReceiver, type Verifier } from '../../../src/sync/makeReceiver';
import { makeFixture, sealPoint } from '../../fixtures/records';

const T = Date.UTC(2025, 5, 1, 12, 30);
const flush = () => new Promise((r) => setTimeout(r, 0));
const fakeRecord = (id: string) => ({ id, kind: 'cancel' }) as unknown as VerifiedRecord;

function collect() {
  const got: { records: string[]; wires: string[]; rejects: Rejection[] } = { records: [], wires: [], rejects: [] };
  const sub = {
    onRecord: (r: VerifiedRecord, wire: string) => (got.records.push(r.id), got.wires.push(wire)),
    onReject: (e: Rejection) => got.rejects.push(e),
  };
  return { got, sub };
}

/** A verifier whose answers the test releases by hand, in any order. */
function manualVerifier() {
  const calls: {
    wire: unknown;
    circle: Circle;
    opts: InspectOptions;
    answer: (r: Result<VerifiedRecord>) => void;
    fail: () => void;
  }[] = [];
  const verify: Verifier = (wire, circle, opts) =>
    new Promise((answer, reject) =>
      calls.push({ wire, circle, opts, answer, fail: () => reject(new Error('worker gone')) }),
    );
  return { calls, verify };
}

describe('makeReceiver', () => {
  it('by default opens records in-process: genuine ones delivered once, tampered ones refused', async () => {
    const f = await makeFixture();
    const s = await sealPoint(f, 'Genuine', f.alice, T);
    const misfiled = await sealPoint(f, 'Misfiled', f.mallory, T);
    const { got, sub } = collect();
    const receive = makeReceiver(f.circle, sub, makeManualClock(T + 1000));
    receive(s.id, bucketOf(T), s.wire);
    receive(s.id, bucketOf(T), s.wire);
    receive('forged-id', bucketOf(T), s.wire);
    receive(misfiled.id, bucketOf(T) + 1, misfiled.wire);
    await flush();
    await flush();
    expect(got.records).toEqual([s.id]);
    expect(got.wires).toEqual([s.wire]);
    expect(got.rejects.map((e) => e.code).sort()).toEqual(['bad-id', 'wrong-bucket']);
  });

  it('hands each arrival to the injected verifier with the graph key, bucket and clock, and delivers only ok results', async () => {
    const f = await makeFixture();
    const { calls, verify } = manualVerifier();
    const { got, sub } = collect();
    let verified = 0;
    const receive = makeReceiver(f.circle, sub, makeManualClock(T), () => verified++, verify);
    receive('a', 7, 'wire-a');
    receive('b', undefined, 'wire-b');
    expect(calls.map((c) => [c.wire, c.opts])).toEqual([
      ['wire-a', { now: T, expectedId: 'a', expectedBucket: 7 }],
      ['wire-b', { now: T, expectedId: 'b' }],
    ]);
    expect(calls.every((c) => c.circle === f.circle)).toBe(true);
    calls[0]!.answer(ok(fakeRecord('a')));
    calls[1]!.answer(refuse('bad-signature', 'no'));
    await flush();
    expect(got.records).toEqual(['a']);
    expect(got.rejects.map((e) => e.code)).toEqual(['bad-signature']);
    expect(verified).toBe(1);
  });

  it('delivers in arrival order when the verifier answers in order, and once per id even if two copies verify', async () => {
    const f = await makeFixture();
    const { calls, verify } = manualVerifier();
    const { got, sub } = collect();
    const receive = makeReceiver(f.circle, sub, makeManualClock(T), undefined, verify);
    for (const id of ['x', 'y', 'z']) receive(id, 1, `wire-${id}`);
    receive('x', 1, 'wire-x-other-copy');
    expect(calls).toHaveLength(4);
    for (const c of calls) c.answer(ok(fakeRecord(c.opts.expectedId!)));
    await flush();
    expect(got.records).toEqual(['x', 'y', 'z']);
    receive('x', 1, 'wire-x');
    expect(calls).toHaveLength(4);
  });

  it('does not let a planted bad copy block the genuine one, and retries an id whose verifier failed', async () => {
    const f = await makeFixture();
    const { calls, verify } = manualVerifier();
    const { got, sub } = collect();
    const receive = makeReceiver(f.circle, sub, makeManualClock(T), undefined, verify);
    receive('a', 1, 'planted');
    receive('a', 1, 'planted');
    expect(calls).toHaveLength(1);
    calls[0]!.answer(refuse('bad-id', 'no'));
    await flush();
    receive('a', 1, 'genuine');
    calls[1]!.fail();
    await flush();
    expect(got.records).toEqual([]);
    receive('a', 1, 'genuine');
    expect(calls).toHaveLength(3);
    calls[2]!.answer(ok(fakeRecord('a')));
    await flush();
    expect(got.records).toEqual(['a']);
    expect(got.wires).toEqual(['genuine']);
  });
});
