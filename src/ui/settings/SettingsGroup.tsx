/**
 * One group of the Settings sheet (Map & offline, Alerts, Relays, Safety): a
 * section labelled by its heading, one level below the sheet's title, so the
 * sheet reads as title → groups → sections with no level skipped. The heading
 * takes focus when the sheet's jump links lead here, so a screen reader says
 * where the user landed.
 */
import type { JSX } from 'solid-js';

export interface SettingsGroupProps {
  /** The section's id: the jump links point at it (its heading is `${id}-heading`). */
  id: string;
  title: string;
  children: JSX.Element;
}

/** A headed group of settings; its sections inside use h4. */
export function SettingsGroup(props: SettingsGroupProps): JSX.Element {
  return (
    <section id={props.id} class="settings-group" aria-labelledby={`${props.id}-heading`}>
      <h3 id={`${props.id}-heading`} tabIndex={-1}>
        {props.title}
      </h3>
      {props.children}
    </section>
  );
}
