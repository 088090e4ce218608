/**
 * Every reason the relay refuses an input: its own codes, listed here, plus
 * the protocol's (src/domain/result.ts) that its checks return. A closed list
 * rather than any string, so a new code cannot slip in unnamed: the compiler
 * refuses a code missing here, and tests/unit/protocol/protocolDocRelay.test.ts
 * refuses one missing from docs/protocol.md §14.
 */
import type { RejectionCode } from '../src/domain/result';

/** The relay's own refusal codes, in the order protocol §14 explains them. */
export const RELAY_REFUSAL_CODES = [
  /** A frame over the frame cap: the socket is closed (1009) before the frame is read. */
  'frame-too-large',
  /** Any other WebSocket protocol error on a socket. */
  'bad-frame',
  /** A binary frame (GUN speaks only text). */
  'binary-frame',
  /** A peer has so much input still being verified that its next frames are dropped. */
  'overloaded',
  /** A bug caught while handling a frame (the frame is dropped, the relay goes on). */
  'internal-error',
  /** A DAM message other than the handshake `?` and the time ask `nts`. */
  'dam-forbidden',
  /** A message id, hash or peer list GUN could turn into an Object.prototype key. */
  'bad-routing',
  /** A GET that is not `{"#": soul}` or `{"#": soul, ".": record id}`. */
  'bad-get',
  /** A soul outside `vada/1/<circle>/<hour>`. */
  'outside-namespace',
  /** A PUT key that is not a record id. */
  'bad-key',
  /** A PUT value that is not a string (a link, a number, null, an object). */
  'not-string',
  /** A PUT key without a finite HAM state number. */
  'bad-state',
  /** A HAM state more than futureSkewMs ahead of the relay's clock. */
  'future-state',
  /** A message nested deeper than an honest GUN message can be. */
  'too-deep',
  /** Another value under a record id the relay already holds. */
  'immutable',
  /** A reply or acknowledgement from a peer the relay never asked (it asks only its federation links). */
  'unexpected-reply',
  /** GETs or time asks beyond a peer's allowance. */
  'rate-limited',
] as const;

/** One of the relay's own refusal codes. */
export type RelayRefusalCode = (typeof RELAY_REFUSAL_CODES)[number];

/** Why the relay refused an input. */
export type RefusalCode = RejectionCode | RelayRefusalCode;
