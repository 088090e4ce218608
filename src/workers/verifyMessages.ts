/**
 * The messages between the page and the verify worker (structured clones).
 * Circle keys travel as CryptoKey objects, which are structured-cloneable even
 * when non-extractable: the raw key never has to leave WebCrypto.
 */
import type { CircleId } from '../domain/brand';
import type { VerifiedRecord } from '../domain/records';
import type { Result } from '../domain/result';
import type { InspectOptions } from '../protocol/inspectEnvelope';

/** A circle the worker has not seen yet; later items refer to it by `ref`. */
export interface CircleIntro {
  readonly ref: number;
  readonly id: CircleId;
  readonly key: CryptoKey;
}

export interface VerifyItem {
  /** Wire text, already capped at LIMITS.envelopeChars by the page. */
  readonly wire: string;
  readonly ref: number;
  readonly opts: InspectOptions;
}

export interface VerifyRequest {
  readonly batch: number;
  readonly circles: readonly CircleIntro[];
  readonly items: readonly VerifyItem[];
}

export interface VerifyReply {
  readonly batch: number;
  /** One result per item, in the request's order. */
  readonly results: readonly Result<VerifiedRecord>[];
}
