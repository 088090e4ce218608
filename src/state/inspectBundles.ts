/**
 * Reads hand-over bundles (text, QR code, file) into a preview of what they
 * would add, before anything is merged. A bundle adds no trust: every record
 * goes through the same checks as relay traffic — structure, proof of work,
 * id, signature, time, decryption with its circle's key, payload — then the
 * same dedupe by id and the same per-key quotas and one-record-per-nonce rule
 * that the fold applies. Refused records are named with their reason; the
 * valid records of the same bundle are kept.
 */
import type { CircleId, RecordId, RejectionCode, VerifiedRecord } from '../domain';
import { firstPerNonce } from '../domain/firstPerNonce';
import { withinQuota } from '../domain/withinQuota';
import { parseEnvelope, type Circle } from '../protocol';
import { unpackBundle } from '../protocol/bundle';
import type { Verifier } from '../sync/makeReceiver';

/** One record a bundle held that will not be added, and why (the position is 1-based within its bundle). */
export interface ImportRefusal {
  /** Which bundle (1-based) when several were read at once. */
  readonly bundle: number;
  /** Position in that bundle (1-based); 0 when the whole bundle was refused. */
  readonly index: number;
  readonly code: RejectionCode;
  /** Plain English for logs and tests; the UI shows a translation of `code`. */
  readonly detail: string;
}

export interface ImportedRecord {
  readonly record: VerifiedRecord;
  /** The wire text exactly as carried: stored and passed on unchanged. */
  readonly wire: string;
}

/** What a set of bundles would add to this phone. */
export interface ImportPreview {
  /** Verified records new to this phone, oldest first. */
  readonly fresh: readonly ImportedRecord[];
  /** Valid records this phone already had (or that a bundle held twice). */
  readonly known: number;
  readonly refused: readonly ImportRefusal[];
  /** Bundles whose framing broke: records from that position on could not be read. */
  readonly damaged: readonly { readonly bundle: number; readonly index: number }[];
}

export interface InspectDeps {
  /** The key of a circle this device belongs to. */
  circleOf(id: CircleId): Circle | undefined;
  /** Every record this device holds now (dedupe and quotas are counted with them). */
  existing(): Iterable<VerifiedRecord>;
  readonly verify: Verifier;
  now(): number;
}

export async function inspectBundles(bundles: readonly Uint8Array[], deps: InspectDeps): Promise<ImportPreview> {
  const refused: ImportRefusal[] = [];
  const damaged: { bundle: number; index: number }[] = [];
  const checks: Promise<void>[] = [];
  type Verified = ImportedRecord & { readonly order: number; readonly bundle: number; readonly index: number };
  const verified: Verified[] = [];
  const now = deps.now();
  let order = 0;
  for (const [b, bytes] of bundles.entries()) {
    const bundle = b + 1;
    const unpacked = unpackBundle(bytes);
    if (!unpacked.ok) {
      refused.push({ bundle, index: 0, ...unpacked.error });
      continue;
    }
    if (unpacked.value.damaged) damaged.push({ bundle, index: unpacked.value.damaged.index });
    for (const item of unpacked.value.items) {
      if (!item.ok) {
        refused.push({ bundle, index: item.index, ...item.error });
        continue;
      }
      const at = order++;
      const envelope = parseEnvelope(item.wire);
      const circle = envelope.ok ? deps.circleOf(envelope.value.c) : undefined;
      if (!envelope.ok) {
        refused.push({ bundle, index: item.index, ...envelope.error });
        continue;
      }
      if (!circle) {
        refused.push({ bundle, index: item.index, code: 'wrong-circle', detail: 'for a circle this phone is not in' });
        continue;
      }
      checks.push(
        deps.verify(item.wire, circle, { now }).then(
          (r) => {
            if (r.ok) verified.push({ record: r.value, wire: item.wire, order: at, bundle, index: item.index });
            else refused.push({ bundle, index: item.index, ...r.error });
          },
          () => void refused.push({ bundle, index: item.index, code: 'bad-shape', detail: 'could not be checked' }),
        ),
      );
    }
  }
  await Promise.all(checks);

  const held = [...deps.existing()];
  const heldIds = new Set<RecordId>(held.map((r) => r.id));
  const fresh = new Map<RecordId, Verified>();
  let known = 0;
  for (const v of verified.sort((x, y) => x.order - y.order)) {
    if (heldIds.has(v.record.id) || fresh.has(v.record.id)) known++;
    else fresh.set(v.record.id, v);
  }
  // The fold's admission rules over what the phone would hold after the merge: a bundle cannot
  // carry a flood past the quotas, nor a second ciphertext under one paid nonce.
  const onePerNonce = firstPerNonce([...held, ...[...fresh.values()].map((f) => f.record)]);
  const perNonce = new Set(onePerNonce.map((r) => r.id));
  const admitted = new Set(withinQuota(onePerNonce).map((r) => r.id));
  const kept: ImportedRecord[] = [];
  for (const f of [...fresh.values()].sort((x, y) => x.record.created - y.record.created || x.order - y.order)) {
    if (admitted.has(f.record.id)) kept.push({ record: f.record, wire: f.wire });
    else
      refused.push({
        bundle: f.bundle,
        index: f.index,
        ...(perNonce.has(f.record.id)
          ? { code: 'over-quota' as const, detail: 'its author wrote more than the hourly quota' }
          : { code: 'replayed-nonce' as const, detail: 'another record by its author uses the same nonce' }),
      });
  }
  return { fresh: kept, known, refused: refused.sort((x, y) => x.bundle - y.bundle || x.index - y.index), damaged };
}
