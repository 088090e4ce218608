/**
 * Every limit of protocol v1 in one place. docs/protocol.md lists the same
 * numbers; tests/unit/protocol/protocolDoc.test.ts keeps the two in step.
 */
export const LIMITS = {
  /** Largest WebSocket frame a relay accepts, checked before parsing. */
  frameBytes: 64 * 1024,
  /** Largest wire envelope (the JSON text of one record). */
  envelopeChars: 4096,
  /** Largest decrypted payload (UTF-8 bytes). */
  payloadBytes: 2048,
  titleChars: 80,
  noteChars: 280,
  /** Records dated further ahead than this are refused (HAM would defer them). */
  futureSkewMs: 2 * 60_000,
  /** A point may start at most this far after it was proposed. */
  startAheadMs: 24 * 3_600_000,
  /** ...and at most this far before (clock skew between phones). */
  startBehindMs: 5 * 60_000,
  minDurationMs: 15 * 60_000,
  maxDurationMs: 6 * 3_600_000,
  /** How long an ended, dispersed or cancelled point stays visible. */
  lingerMs: 2 * 60_000,
  /** Records older than this are expired: refused, pruned and deleted. */
  retentionMs: 32 * 3_600_000,
  /** Records are grouped in graph nodes by creation hour. */
  bucketMs: 3_600_000,
  /** Coordinates are published rounded to this many decimals (~11 m). */
  coordDecimals: 4,
  /** An alert counts (banner, reports, trust) for this long after it was made. */
  alertTtlMs: 30 * 60_000,
  /** Reports from distinct keys corroborate each other when they fall within this window. */
  corroborateWindowMs: 10 * 60_000,
  /** How many distinct keys make reports corroborated (k). */
  corroborateKeys: 3,
  /** Fallback places a point may carry. */
  fallbackMax: 3,
  /** A fallback place's label. */
  fallbackLabelChars: 40,
  /** A fallback's plaintext is padded to exactly this many bytes, so labels do not show through lengths. */
  fallbackPlainBytes: 256,
  /** A private circle's name (code points, one line); it travels only inside invites. */
  circleNameChars: 40,
  /** Co-organizers an invite may name, besides the creator (and the most a circle counts). */
  circleOrganizersMax: 8,
  /** Longest invite text (the base64url after `#join=`). */
  inviteChars: 2000,
  /** Leading zero bits the proof-of-work hash of every record's header must have (src/protocol/pow.ts). */
  powBits: 12,
  /** Points one key may write per circle and creation hour (src/domain/withinQuota.ts). */
  quotaPointsPerHour: 20,
  /** Alerts one key may write per circle and creation hour. */
  quotaAlertsPerHour: 60,
  /** Every other kind (disperse, cancel, coorganizer, organizer) per key, circle and hour. */
  quotaOtherPerHour: 60,
  /**
   * Records one hand-over bundle may carry (src/protocol/bundle.ts): a whole circle's
   * live points and alerts fit, and a reader checks the count before reading any record.
   */
  bundleRecords: 1000,
  /**
   * Largest bundle (bytes), checked before reading it. Half a MiB: its text form
   * (43 characters per 32 bytes) stays well inside bundleTextChars, white space included.
   */
  bundleBytes: 512 * 1024,
  /** Longest pasted text or .vada file scanned for bundles (UTF-16 code units), refused above before any work. */
  bundleTextChars: 1024 * 1024,
  /** QR codes one bundle may be split into (src/protocol/bundleQr.ts): more is no longer practical to scan. */
  qrParts: 64,
  /**
   * Bundle bytes one QR part carries: with the 7-byte part header, base45 and the
   * 5-character marker a full part is 599 alphanumeric characters, the most that
   * fits QR version 15 at error correction M (77 × 77 modules, 600 characters),
   * a size phones scan easily.
   */
  qrChunkBytes: 389,
  /** Bundles a QR collector keeps apart at once (in progress, and completed ones it still recognises). */
  qrCollectorBundles: 4,
} as const;

/**
 * Limits of a phone-link code (src/protocol/linkCode.ts, docs/protocol.md
 * §15.1): how long a code is good for and the bound on every field it carries,
 * so a reader checks the length of a scanned text before any work.
 */
export const LINK = {
  /** A link code (offer or answer) is good for this long; the phone that made it gives up on it then. */
  codeTtlMs: 5 * 60_000,
  /** Longest ICE username fragment a code carries (RFC 8839 allows 4 to 256; browsers make 4 to 16). */
  codeUfragChars: 32,
  /** Longest ICE password a code carries (RFC 8839 allows 22 to 256; browsers make 22 to 32). */
  codePwdChars: 64,
  /** Host candidates (addresses) a code carries at most. */
  codeCandidates: 4,
  /** Longest link code text (marker + base45 of the largest binary form), checked before decoding. */
  codeChars: 338,
} as const;
