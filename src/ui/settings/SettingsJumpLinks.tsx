/**
 * The row of links at the top of Settings, one per group, so Safety (the app
 * PIN and the panic wipe) is one tap away however long the sheet is. They
 * are real in-page links (a screen reader lists them as links, Enter follows
 * them), but they move within the sheet without touching the address bar:
 * its fragment is where circle invites arrive.
 */
import { For, type JSX } from 'solid-js';
import { t } from '../../i18n';

export interface JumpTarget {
  /** The SettingsGroup's id. */
  readonly id: string;
  readonly label: string;
}

/** Scrolls the group's heading to the top of the sheet and moves focus to it. */
function jumpTo(id: string): void {
  const heading = document.getElementById(`${id}-heading`);
  if (!heading) return;
  heading.scrollIntoView?.({ block: 'start' });
  heading.focus({ preventScroll: true });
}

/** Links to each group of the Settings sheet. */
export function SettingsJumpLinks(props: { groups: readonly JumpTarget[] }): JSX.Element {
  return (
    <nav class="settings-jump" aria-label={t('settings.sections')} data-testid="settings-jump">
      <ul>
        <For each={props.groups}>
          {(g) => (
            <li>
              <a
                href={`#${g.id}`}
                data-testid={`jump-${g.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  jumpTo(g.id);
                }}
              >
                {g.label}
              </a>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
