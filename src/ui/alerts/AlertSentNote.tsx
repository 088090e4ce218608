/**
 * The plain confirmation after raising an alert from a point's details:
 * "Dispersal sent (to 2 relays)" or "Dispersal saved — not sent yet (no
 * relay)", from the alert record's own send state. It is scrolled into view
 * and takes the focus when it appears, because the form the user just used
 * vanishes (a confirmed dispersal even ends the point) and a person under
 * pressure must not be left wondering whether it went out (issue 11).
 */
import { createMemo, onMount, type JSX } from 'solid-js';
import type { AlertKind, RecordId } from '../../domain';
import { t } from '../../i18n';
import { useVada } from '../../state';

/** `id`: the alert record this device just published. */
export function AlertSentNote(props: { kind: AlertKind; id: RecordId }): JSX.Element {
  const store = useVada();
  let el!: HTMLParagraphElement;
  const state = () => store.sendState(props.id)?.state ?? 'unsent';
  const connected = () => store.status().connected;
  // How many relays it went to: the count when a relay first acknowledged it,
  // not a later one (a relay dropping afterwards does not unsend it).
  const sentTo = createMemo<number>((prev) => (state() === 'sent' ? prev || Math.max(1, connected()) : 0), 0);
  const text = () => {
    const k = props.kind;
    switch (state()) {
      case 'sent':
        return t(`alertSent.${k}.sent`, { count: sentTo() });
      case 'refused':
        return t(`alertSent.${k}.refused`);
      default:
        return connected() > 0 ? t(`alertSent.${k}.sending`, { count: connected() }) : t(`alertSent.${k}.unsent`);
    }
  };

  onMount(() => {
    // jsdom has no scrollIntoView; browsers all do.
    el.scrollIntoView?.({ block: 'nearest' });
    el.focus({ preventScroll: true });
  });

  return (
    <p
      ref={el}
      class="raise-sent"
      role="status"
      tabindex="-1"
      data-testid="raise-sent"
      data-kind={props.kind}
      data-send-state={state()}
    >
      {text()}
    </p>
  );
}
