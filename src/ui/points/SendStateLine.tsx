/**
 * "Not sent yet" / "Sent at 14:05" / "Refused by the relay" for one of this
 * device's own records; for a record received by hand, that it was and
 * whether this phone has passed it on to a relay yet.
 */
import { Show, type JSX } from 'solid-js';
import type { RecordId } from '../../domain';
import { formatClock, t } from '../../i18n';
import { useVada, type SendState } from '../../state';

/** Renders nothing for records that reached this device from relays (they have no send state here). */
export function SendStateLine(props: { id: RecordId; class?: string }): JSX.Element {
  const store = useVada();
  const own = (s: SendState) =>
    s.state === 'unsent'
      ? t('send.unsent')
      : s.state === 'sent'
        ? t('send.sentAt', { time: formatClock(s.at, store.now()) })
        : // A relay refuses what is dated ahead of its clock: say that the phone's clock is why.
          /future-(state|dated)/.test(s.reason)
          ? t('send.refusedClock')
          : t('send.refused');
  const carried = (s: SendState) =>
    s.state === 'unsent'
      ? t('carried.waiting')
      : s.state === 'sent'
        ? t('carried.passedOn', { time: formatClock(s.at, store.now()) })
        : t('carried.refused');
  return (
    <Show when={store.sendState(props.id)}>
      {(s) => (
        <span
          class={props.class ?? `send-state send-${s().state}`}
          classList={{ 'send-carried': s().carried === true }}
          data-testid="send-state"
          data-send-state={s().state}
          data-carried={s().carried ? 'true' : undefined}
        >
          {s().carried ? carried(s()) : own(s())}
        </span>
      )}
    </Show>
  );
}
