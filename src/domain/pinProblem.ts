/**
 * What an app PIN may be: 4 to 12 digits, typed twice the same, and a duress
 * PIN (optional) of the same form that differs from it. Pure, so the Settings
 * form checks a choice before src/platform/pinLock.ts derives any key.
 */

/** 4 to 12 digits. */
export const PIN_PATTERN = /^[0-9]{4,12}$/;

/** Why a PIN choice is refused. */
export type PinProblem = 'format' | 'mismatch' | 'duress-format' | 'duress-same';

/** Why a PIN choice is refused, or undefined when it is acceptable. */
export function pinProblem(pin: string, confirm: string, duress: string): PinProblem | undefined {
  if (!PIN_PATTERN.test(pin)) return 'format';
  if (pin !== confirm) return 'mismatch';
  if (duress !== '' && !PIN_PATTERN.test(duress)) return 'duress-format';
  if (duress !== '' && duress === pin) return 'duress-same';
  return undefined;
}
