/**
 * Helpers for the relay tests: make valid signed points, publish them through
 * a GUN client the way the app does (one string per record id, in its hour
 * bucket's soul), and count what a client receives that inspects OK.
 */
import { bucketOf } from '../../../src/domain/bucket';
import { LIMITS } from '../../../src/domain/limits';
import { openCircle, type Circle } from '../../../src/protocol/circle';
import { generateIdentity } from '../../../src/protocol/identity';
import { inspectEnvelope } from '../../../src/protocol/inspectEnvelope';
import { sealRecord, type Sealed } from '../../../src/protocol/sealRecord';
import { parseSoul, soulOf } from '../../../src/protocol/souls';
import type { GunClient } from '../../fixtures/rawGunClient';

/**
 * `n` valid points, created 1 ms apart from about `now`, all in `now`'s hour
 * bucket; a new author every `quotaPointsPerHour` points, so relays take them all.
 */
export async function sealPoints(n: number, now = Date.now(), circle?: Circle): Promise<Sealed[]> {
  const c = circle ?? (await openCircle());
  let me = await generateIdentity();
  const out: Sealed[] = [];
  // Count back instead of forward when counting forward would cross into the next hour.
  const first = bucketOf(now + n) === bucketOf(now) ? now : now - n;
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % LIMITS.quotaPointsPerHour === 0) me = await generateIdentity();
    const t = first + i;
    const start = t + 10 * 60_000;
    out.push(
      await sealRecord(
        me,
        c,
        'point',
        {
          title: `p${i}`,
          note: '',
          lat: 53.9,
          lon: 27.56,
          start,
          end: start + 3_600_000,
        },
        t,
      ),
    );
  }
  return out;
}

/** The soul a sealed record is filed under. */
export function soulFor(s: Sealed): string {
  return soulOf(s.envelope.c, bucketOf(s.envelope.t));
}

/** Puts every record and resolves once the relay acknowledged each; rejects on a refusal. */
export function publishAll(client: GunClient, records: readonly Sealed[], timeoutMs = 60_000): Promise<void> {
  return new Promise((ok, fail) => {
    let left = records.length;
    const timer = setTimeout(() => fail(new Error(`${left} of ${records.length} puts not acknowledged`)), timeoutMs);
    for (const r of records) {
      let done = false;
      client.gun
        .get(soulFor(r))
        .get(r.id)
        .put(r.wire, (ack) => {
          if (done) return;
          done = true;
          if (ack.err) {
            clearTimeout(timer);
            fail(new Error(`put refused: ${ack.err}`));
          } else if (--left === 0) {
            clearTimeout(timer);
            ok();
          }
        });
    }
  });
}

/**
 * Subscribes to `souls` and resolves with the distinct ids that inspect OK
 * once `expected` (a count, or ids that must all be there) arrived or
 * `timeoutMs` passed.
 */
export function receiveValid(
  client: GunClient,
  souls: readonly string[],
  expected: number | readonly string[],
  timeoutMs = 30_000,
): Promise<Set<string>> {
  const good = new Set<string>();
  const complete = () => (typeof expected === 'number' ? good.size >= expected : expected.every((id) => good.has(id)));
  return new Promise((done) => {
    const timer = setTimeout(() => done(good), timeoutMs);
    for (const soul of souls) {
      const bucket = parseSoul(soul)?.bucket;
      client.gun
        .get(soul)
        .map()
        .on((value, key) => {
          if (good.has(key)) return;
          void inspectEnvelope(value, {
            now: Date.now(),
            expectedId: key,
            expectedBucket: bucket,
          }).then((r) => {
            if (!r.ok || good.has(key)) return;
            good.add(key);
            if (complete()) {
              clearTimeout(timer);
              done(good);
            }
          });
        });
    }
  });
}

/** Polls `probe` every 50 ms until it returns true or `timeoutMs` passes. */
export async function waitFor(probe: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return probe();
}

/** Resident memory of a process in MB (Linux /proc). */
export async function rssMb(pid: number): Promise<number> {
  const { readFileSync } = await import('node:fs');
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}
