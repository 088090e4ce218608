/**
 * The translated reason for a refused bundle or record. A Record over every
 * refusal code, so a new code without words is a type error, not a blank line.
 */
import type { RejectionCode } from '../../domain';
import type { MessageKey } from '../../i18n';

const KEYS = {
  'too-large': 'import.reason.too-large',
  'not-json': 'import.reason.damaged',
  'bad-shape': 'import.reason.damaged',
  'bad-field': 'import.reason.damaged',
  'unsupported-version': 'import.reason.unsupported-version',
  'unknown-kind': 'import.reason.unsupported-version',
  'wrong-circle': 'import.reason.wrong-circle',
  'bad-id': 'import.reason.bad-signature',
  'bad-signature': 'import.reason.bad-signature',
  undecryptable: 'import.reason.undecryptable',
  'future-dated': 'import.reason.future-dated',
  expired: 'import.reason.expired',
  'wrong-bucket': 'import.reason.damaged',
  'forbidden-key': 'import.reason.damaged',
  'not-authorized': 'import.reason.not-authorized',
  'insufficient-work': 'import.reason.insufficient-work',
  'replayed-nonce': 'import.reason.replayed-nonce',
  'over-quota': 'import.reason.over-quota',
  'empty-bundle': 'import.reason.empty-bundle',
  'bad-bundle': 'import.reason.damaged',
  truncated: 'import.reason.truncated',
  'too-many-records': 'import.reason.too-many-records',
  'bad-record': 'import.reason.damaged',
  'bad-text': 'import.reason.damaged',
  'bad-qr-part': 'import.reason.bad-qr-part',
  'qr-mismatch': 'import.reason.qr-mismatch',
  // Link-code refusals (docs/protocol.md §15.1) never come from a bundle: a damaged text if one ever did.
  'not-link-code': 'import.reason.damaged',
  'bad-link-code': 'import.reason.damaged',
  'link-expired': 'import.reason.damaged',
  'unsupported-sdp': 'import.reason.damaged',
} as const satisfies Record<RejectionCode, MessageKey>;

/** The message key for a refusal code. */
export function importRefusalKey(code: RejectionCode): (typeof KEYS)[RejectionCode] {
  return KEYS[code];
}
