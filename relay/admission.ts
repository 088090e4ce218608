/**
 * What the relay checks across records (src/domain's rules, with state): a
 * nonce may carry one record per author (`replayed-nonce`: the work is paid on
 * the header, so a reused header would carry new ciphertexts for free), and a
 * key may write only its quota per circle, hour and class (`over-quota`,
 * src/domain/quotaLedger.ts). Both are rebuilt from the journal at start and
 * pruned with expired hour buckets. Admission runs in acceptPut, one record
 * at a time in arrival order, so concurrent verification cannot overshoot.
 */
import { bucketOf } from '../src/domain/bucket';
import { QuotaLedger } from '../src/domain/quotaLedger';
import { parseEnvelope, type Envelope } from '../src/protocol/envelope';

/** The envelope fields admission reads. */
export type AdmissionHeader = Pick<Envelope, 'c' | 'k' | 't' | 'a' | 'n'>;

export type AdmissionVerdict = 'ok' | 'replayed-nonce' | 'over-quota';

const subject = (h: AdmissionHeader) => ({ author: h.a, circle: h.c, created: h.t, kind: h.k });

export class Admission {
  private readonly quota = new QuotaLedger();
  /** hour bucket → `${a} ${n}` of the records held in it */
  private readonly nonces = new Map<number, Set<string>>();
  private readonly nonceBuckets = new Map<string, number>();

  /** Would `h` be refused, and why (nothing is recorded). */
  check(h: AdmissionHeader): AdmissionVerdict {
    if (this.nonceBuckets.has(`${h.a} ${h.n}`)) return 'replayed-nonce';
    if (!this.quota.fits(subject(h))) return 'over-quota';
    return 'ok';
  }

  /** Checks `h` and, when it passes, records it. */
  admit(h: AdmissionHeader): AdmissionVerdict {
    const verdict = this.check(h);
    if (verdict === 'ok') this.record(h);
    return verdict;
  }

  /** Records a record already accepted (journal replay): counted even past a quota. */
  record(h: AdmissionHeader): void {
    const key = `${h.a} ${h.n}`;
    if (this.nonceBuckets.has(key)) return;
    const bucket = bucketOf(h.t);
    let set = this.nonces.get(bucket);
    if (!set) {
      set = new Set();
      this.nonces.set(bucket, set);
    }
    set.add(key);
    this.nonceBuckets.set(key, bucket);
    this.quota.record(subject(h));
  }

  /** Rebuilds from stored wire texts (the journal); unparsable ones are skipped. Returns how many were recorded. */
  load(wires: Iterable<string>): number {
    let n = 0;
    for (const wire of wires) {
      const e = parseEnvelope(wire);
      if (!e.ok) continue;
      this.record(e.value);
      n++;
    }
    return n;
  }

  /** Forgets hour buckets below `minBucket` (pruned with their records). */
  pruneBefore(minBucket: number): void {
    this.quota.pruneBefore(minBucket);
    for (const [bucket, set] of this.nonces) {
      if (bucket >= minBucket) continue;
      for (const key of set) this.nonceBuckets.delete(key);
      this.nonces.delete(bucket);
    }
  }

  /** Distinct (author, nonce) pairs held. */
  get size(): number {
    return this.nonceBuckets.size;
  }
}
