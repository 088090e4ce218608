/**
 * The first-run hint (issue 11): the first screen was a bare map and a bar,
 * so a short hint says how to propose, that the public circle is public and
 * where private circles are. It is wanted at start until the person dismisses
 * it, then never again on this device (the dismissal is kept in the settings,
 * sealed under an app PIN like the rest); Settings can ask for it again.
 *
 * Wanted is not shown: it waits while something else is on screen (a
 * "join this circle?" question or a refused invite's notice from a link, an
 * open sheet such as an import at start, picking a place), because a hint
 * must never cover what the person came to do.
 */
import { createSignal, type Accessor } from 'solid-js';
import type { SettingsStore } from '../platform/settingsStore';

/** Why the hint is wanted: at start (never dismissed yet) or asked for again from Settings. */
export type FirstRunReason = 'start' | 'asked';

export interface FirstRunSlice {
  /** Whether the hint is on screen now: wanted, and nothing else asked first. */
  readonly visible: Accessor<boolean>;
  /** Why it is wanted, or undefined when it is not (dismissed). */
  readonly reason: Accessor<FirstRunReason | undefined>;
  /** "Got it" (or Escape): hides the hint and remembers it, so it does not come back at start. */
  dismiss(): void;
  /** Asks for the hint again (Settings); it still waits for whatever else is on screen. */
  show(): void;
}

/**
 * `busy`: true while something else has the screen (a deep-link question, an
 * open sheet, picking a place); the hint waits for it.
 */
export function createFirstRun(settings: SettingsStore, busy: Accessor<boolean>): FirstRunSlice {
  const [reason, setReason] = createSignal<FirstRunReason | undefined>(
    settings.load().firstRunHintDismissed === true ? undefined : 'start',
  );
  return {
    visible: () => reason() !== undefined && !busy(),
    reason,
    dismiss() {
      setReason(undefined);
      if (settings.load().firstRunHintDismissed !== true) settings.save({ firstRunHintDismissed: true });
    },
    show: () => setReason('asked'),
  };
}
