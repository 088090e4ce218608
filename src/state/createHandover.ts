/**
 * Hand-over with the network cut: share a point (or a circle's live points)
 * as a bundle of the records exactly as signed, and read bundles from pasted
 * text, files, shared text and the in-app QR scanner. Reading shows a preview
 * first; merging stores the records like received ones and hands them to the
 * sync adapter to pass on (outbox, marked carried), so a phone that walks out
 * of the dead zone spreads what it carries. The bundle code itself is loaded on
 * first use (handoverCode.ts): until it is here `share` has nothing and `ready`
 * is false; `load()` fetches it.
 */
import { createSignal, type Accessor } from 'solid-js';
import type { CircleId, PointView, VerifiedRecord } from '../domain';
import { LIMITS } from '../domain/limits';
import { inviteFromText } from '../domain/circleInvite';
import type { Circle } from '../protocol';
import type { QrCollector } from '../protocol/bundleQr';
import type { Verifier } from '../sync/makeReceiver';
import type { SyncAdapter } from '../sync/SyncAdapter';
import type { HandoverSlice, ReadOutcome, ScanFeedback, ShareBundle, ShareScope } from './handoverTypes';
import type { ImportPreview, ImportRefusal } from './inspectBundles';
import { handoverCode, loadHandoverCode, type HandoverCode } from './handoverCode';
import type { RecordSet } from './createRecordSet';

export interface HandoverDeps {
  readonly records: RecordSet;
  circleOf(id: CircleId): Circle | undefined;
  isPrivate(id: CircleId): boolean;
  /** Shows "Join circle …?" for an invite; false when the text is no valid invite. */
  offerInvite(text: string): boolean;
  /** The points on the map now (live ones are shared for a circle). */
  readonly points: Accessor<readonly PointView[]>;
  readonly verify: Verifier;
  now(): number;
  readonly adapter: () => SyncAdapter;
  readonly carriedUnsent: Accessor<number>;
}

const isLive = (p: PointView) => p.state === 'upcoming' || p.state === 'active';

export function createHandover(deps: HandoverDeps): HandoverSlice {
  const [preview, setPreview] = createSignal<ImportPreview>();
  const [checking, setChecking] = createSignal(false);
  /** The QR parts collected so far (made with the bundle code, so only once it is here). */
  let collector: QrCollector | undefined;

  const wiresOf = (picked: readonly VerifiedRecord[]) => picked.flatMap((r) => deps.records.wire(r.id) ?? []);
  // Packed bytes never exceed 3/4 of the wires' characters (every field is base64url inside JSON).
  const fits = (wires: readonly string[]) =>
    wires.length <= LIMITS.bundleRecords && wires.reduce((n, w) => n + w.length, 0) * 0.75 <= LIMITS.bundleBytes;

  const bundleOf = (
    code: HandoverCode,
    picked: readonly VerifiedRecord[],
    leftOut: number,
  ): ShareBundle | undefined => {
    const { bundleToQrParts, bundleToText, packBundle, qrPartCount } = code;
    const wires = wiresOf(picked);
    if (wires.length === 0) return undefined;
    const bytes = packBundle(wires);
    return {
      records: wires.length,
      points: picked.filter((r) => r.kind === 'point').length,
      alerts: picked.filter((r) => r.kind === 'alert' || r.kind === 'disperse').length,
      leftOut,
      bytes,
      text: bundleToText(bytes),
      // Past the longest sequence anyone would scan, the sheet offers text and file only.
      qrParts: qrPartCount(bytes.length) <= LIMITS.qrParts ? bundleToQrParts(bytes) : [],
    };
  };

  const share = (scope: ShareScope): ShareBundle | undefined => {
    const code = handoverCode();
    if (!code) return undefined;
    const { recordsForPoints } = code;
    const all = [...deps.records.records()];
    if ('point' in scope) return bundleOf(code, recordsForPoints(all, [scope.point], deps.isPrivate), 0);
    // Everything the map shows in the circle (a dispersed point still tells where to go), live points
    // first and the newest first, so a circle too busy for one bundle hands over what is about to happen.
    const shown = deps
      .points()
      .filter((p) => p.circle === scope.circle)
      .sort((a, b) => Number(isLive(b)) - Number(isLive(a)) || b.start - a.start);
    const everything = recordsForPoints(
      all,
      shown.map((p) => p.id),
      deps.isPrivate,
    );
    if (fits(wiresOf(everything))) return bundleOf(code, everything, 0);
    let picked: VerifiedRecord[] = [];
    let taken = 0;
    for (const p of shown) {
      const next = recordsForPoints(
        all,
        [...shown.slice(0, taken), p].map((x) => x.id),
        deps.isPrivate,
      );
      if (!fits(wiresOf(next))) break;
      picked = next;
      taken++;
    }
    return bundleOf(code, picked, shown.length - taken);
  };

  const inspect = async (bundles: readonly Uint8Array[], textRefusals: readonly ImportRefusal[] = []) => {
    setChecking(true);
    try {
      const { inspectBundles } = await loadHandoverCode();
      const result = await inspectBundles(bundles, {
        circleOf: deps.circleOf,
        existing: () => deps.records.records(),
        verify: deps.verify,
        now: deps.now,
      });
      setPreview({ ...result, refused: [...textRefusals, ...result.refused] });
    } finally {
      setChecking(false);
    }
  };

  const readText = async (text: string): Promise<ReadOutcome> => {
    const { textToBundles } = await loadHandoverCode();
    const found = textToBundles(text);
    if (found.bundles.length === 0 && found.refusals.length === 0) {
      return deps.offerInvite(text) ? 'invite' : 'nothing';
    }
    const refusals = found.refusals.map((e, i) => ({ bundle: found.bundles.length + i + 1, index: 0, ...e }));
    await inspect(found.bundles, refusals);
    return 'preview';
  };

  const scan = (text: string): ScanFeedback => {
    const code = handoverCode();
    // Not here yet (the import sheet waits for it, so only a caller that did not): nothing is read.
    if (!code) {
      void loadHandoverCode().catch(() => undefined);
      return { kind: 'unknown' };
    }
    const { createQrCollector, isQrPart, textToBundles } = code;
    if (isQrPart(text)) {
      collector ??= createQrCollector();
      const r = collector.add(text);
      if (r.kind === 'refused') return { kind: 'refused', code: r.error.code };
      if (r.kind === 'part') return { kind: 'part', have: r.have, total: r.total };
      collector = undefined;
      void inspect([r.bundle]);
      return { kind: 'bundle' };
    }
    if (inviteFromText(text).ok) return deps.offerInvite(text) ? { kind: 'invite' } : { kind: 'unknown' };
    const found = textToBundles(text);
    if (found.bundles.length > 0) {
      void inspect(found.bundles);
      return { kind: 'bundle' };
    }
    const refusal = found.refusals[0];
    return refusal ? { kind: 'refused', code: refusal.code } : { kind: 'unknown' };
  };

  return {
    share,
    readText,
    scan,
    resetScan: () => void (collector = undefined),
    ready: () => handoverCode() !== undefined,
    load: async () => void (await loadHandoverCode()),
    checking,
    preview,
    async merge() {
      const p = preview();
      setPreview(undefined);
      if (!p) return 0;
      let added = 0;
      for (const { record, wire } of p.fresh) {
        if (!deps.records.add(record, wire)) continue;
        added++;
        // Passed on like any record this phone holds for others: relays and receivers dedupe by id.
        await deps.adapter().forward({ id: record.id, circle: record.circle, wire, created: record.created });
      }
      return added;
    },
    discard: () => setPreview(undefined),
    carriedUnsent: deps.carriedUnsent,
  };
}
