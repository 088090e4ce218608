/** "Not sent yet" / "Sent at 14:05" / "Refused by the relay" for one of this device's own records. */
import { Show, type JSX } from 'solid-js';
import type { RecordId } from '../domain';
import { formatClock, t } from '../i18n';
import { useVada, type SendState } from '../state';

/** Renders nothing for records from other devices (they have no send state here). */
export function SendStateLine(props: { id: RecordId; class?: string }): JSX.Element {
  const store = useVada();
  const text = (s: SendState) =>
    s.state === 'unsent'
      ? t('send.unsent')
      : s.state === 'sent'
        ? t('send.sentAt', { time: formatClock(s.at, store.now()) })
        : t('send.refused');
  return (
    <Show when={store.sendState(props.id)}>
      {(s) => (
        <span
          class={props.class ?? `send-state send-${s().state}`}
          data-testid="send-state"
          data-send-state={s().state}
        >
          {text(s())}
        </span>
      )}
    </Show>
  );
}
