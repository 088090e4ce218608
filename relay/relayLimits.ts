/**
 * What one peer may cost a relay, in one place: how fast it may ask, how much
 * unverified input it may have in flight, how far behind a reader may fall.
 * These are the relay's own defences, not part of a record's validity, so they
 * live beside the relay rather than in src/domain/limits.ts; docs/protocol.md
 * §8 lists them (tests/unit/protocol/protocolDocRelay.test.ts keeps the table
 * equal to this object).
 */
export const RELAY_LIMITS = {
  /**
   * GETs a peer may send at once, then `getsPerSecond`: a client subscribes to
   * ~35 hour buckets per circle, and a relay linked to us forwards all its
   * clients' GETs.
   */
  getBurst: 1000,
  getsPerSecond: 200,
  /** Time asks (protocol §1.1) at once, then one per 5 s: a client asks on each link and once a minute. */
  timeAskBurst: 5,
  timeAskEveryMs: 5000,
  /**
   * Unverified input from one peer (frame text still being checked, counted in
   * UTF-16 code units as the relay holds it) above which the relay stops
   * reading its socket (TCP backpressure).
   */
  pauseChars: 1 << 20,
  /** ...and below which it reads again. */
  resumeChars: 256 << 10,
  /** Unverified input above which the peer's next frames are dropped unread (`overloaded`). */
  dropChars: 16 << 20,
  /** Output waiting for a slow reader above which its socket is closed. */
  sendBufferBytes: 32 << 20,
  /** Sockets are pinged this often; one that has not answered the last ping by the next is closed. */
  pingEveryMs: 30_000,
  /** Sockets a relay holds at once; more are refused at the upgrade. */
  maxSockets: 10_000,
  /** Souls one socket may subscribe to; GETs beyond are answered but subscribe nothing more. */
  maxSubscriptions: 10_000,
} as const;
