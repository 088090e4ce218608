/**
 * The hand-over part of the store's surface, shared by state (which
 * implements it) and UI (which shows it): signed records carried by text,
 * QR code and file between phones when no relay is reachable.
 */
import type { Accessor } from 'solid-js';
import type { CircleId, RecordId, RejectionCode } from '../domain';
import type { ImportPreview } from './inspectBundles';

/** What to share: one point with everything about it, or every live point of a circle. */
export type ShareScope = { readonly point: RecordId } | { readonly circle: CircleId };

/** A bundle ready to leave the phone in any of its three forms. */
export interface ShareBundle {
  /** Records in it, and how many of them are points and alerts (for the summary line). */
  readonly records: number;
  readonly points: number;
  readonly alerts: number;
  /** Points of the circle left out because one bundle holds at most LIMITS.bundleRecords records. */
  readonly leftOut: number;
  readonly bytes: Uint8Array;
  /** The copy-pasteable text (SMS, messengers); also the content of a .vada file. */
  readonly text: string;
  /** The QR code texts: one, or a sequence the scanner collects in any order. */
  readonly qrParts: readonly string[];
}

/** What one scanned code did. */
export type ScanFeedback =
  | { readonly kind: 'invite' }
  | { readonly kind: 'part'; readonly have: number; readonly total: number }
  | { readonly kind: 'bundle' }
  | { readonly kind: 'refused'; readonly code: RejectionCode }
  | { readonly kind: 'unknown' };

/** What a pasted text, a file or a shared text held. */
export type ReadOutcome = 'preview' | 'invite' | 'nothing';

export interface HandoverSlice {
  /**
   * The bundle for a point or a circle; undefined when there is nothing live to share, or while
   * the bundle code is not loaded yet (`ready()`; reactive: read in a memo, it fills in on arrival).
   */
  share(scope: ShareScope): ShareBundle | undefined;
  /** True once the bundle code is loaded (its own chunk, fetched on first use). */
  readonly ready: Accessor<boolean>;
  /** Fetches the bundle code; rejects when it cannot be loaded (offline before it was cached). */
  load(): Promise<void>;
  /** Reads text (pasted, from a file, shared to the app): bundles become a preview; an invite asks to join. */
  readText(text: string): Promise<ReadOutcome>;
  /** One code from the in-app scanner: an invite, one part of a bundle, or a whole bundle (once `ready()`). */
  scan(text: string): ScanFeedback;
  /** Forgets collected QR parts (a new scan). */
  resetScan(): void;
  /** True while records of a bundle are being checked. */
  readonly checking: Accessor<boolean>;
  /** What the last bundle read would add; undefined when nothing is waiting for the user's yes. */
  readonly preview: Accessor<ImportPreview | undefined>;
  /** Adds the preview's records to this phone and offers them to relays; resolves how many were new. */
  merge(): Promise<number>;
  discard(): void;
  /** Records received by hand not passed on to a relay yet. */
  readonly carriedUnsent: Accessor<number>;
}
