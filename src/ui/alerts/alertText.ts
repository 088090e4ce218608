/** Words and icons for alert kinds, trust levels and reasons, all through i18n. */
import type { AlertKind, DisperseReason, Trust } from '../../domain';
import { formatList, t, type MessageKey } from '../../i18n';

const KIND_KEYS = {
  disperse: 'alert.kind.disperse',
  caution: 'alert.kind.caution',
  clear: 'alert.kind.clear',
} as const satisfies Record<AlertKind, MessageKey>;

const TRUST_KEYS = {
  confirmed: 'alert.trust.confirmed',
  corroborated: 'alert.trust.corroborated',
  unconfirmed: 'alert.trust.unconfirmed',
} as const satisfies Record<Trust, MessageKey>;

const TRUST_EXPLAIN = {
  confirmed: 'alert.trust.explain.confirmed',
  corroborated: 'alert.trust.explain.corroborated',
  unconfirmed: 'alert.trust.explain.unconfirmed',
} as const satisfies Record<Trust, MessageKey>;

const REASON_KEYS = {
  police: 'alert.reason.police',
  kettling: 'alert.reason.kettling',
  violence: 'alert.reason.violence',
  other: 'alert.reason.other',
} as const satisfies Record<DisperseReason, MessageKey>;

/** Shapes that differ without colour: a warning triangle, an exclamation, a check. */
export const KIND_ICON: Readonly<Record<AlertKind, string>> = { disperse: '▲', caution: '!', clear: '✓' };
/** Confirmed is a seal, corroborated several marks, unconfirmed a question. */
export const TRUST_ICON: Readonly<Record<Trust, string>> = { confirmed: '✔', corroborated: '≡', unconfirmed: '?' };

export const kindLabel = (k: AlertKind): string => t(KIND_KEYS[k]);
export const trustLabel = (tr: Trust): string => t(TRUST_KEYS[tr]);
export const trustExplain = (tr: Trust): string => t(TRUST_EXPLAIN[tr]);
export const reasonLabel = (r: DisperseReason): string => t(REASON_KEYS[r]);

/** "Confirmed", "Corroborated · 3 reports", "Unconfirmed · 1 report". */
export function trustText(trust: Trust, reports: number): string {
  return trust === 'confirmed'
    ? trustLabel(trust)
    : t('alert.trust.reports', { trust: trustLabel(trust), count: reports });
}

/** "Reason: Police approaching, Kettling", or '' when none were given. */
export function reasonsText(reasons: readonly DisperseReason[]): string {
  return reasons.length === 0 ? '' : t('alert.reasons', { reasons: formatList(reasons.map(reasonLabel)) });
}
