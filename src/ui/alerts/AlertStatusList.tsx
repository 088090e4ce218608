/** Every live alert about one point: kind, trust, reports, reasons and time. */
import { For, Show, type JSX } from 'solid-js';
import type { RecordId } from '../../domain';
import { formatClock, t } from '../../i18n';
import { useVada } from '../../state';
import { KIND_ICON, kindLabel, reasonsText } from './alertText';
import { TrustBadge } from './TrustBadge';

export function AlertStatusList(props: { id: RecordId }): JSX.Element {
  const store = useVada();
  const statuses = () => store.point(props.id)?.alerts?.statuses ?? [];
  return (
    <section class="alert-statuses" aria-labelledby={`alerts-${props.id}`}>
      <h3 id={`alerts-${props.id}`}>{t('alert.statusHeading')}</h3>
      <Show when={statuses().length > 0} fallback={<p class="hint">{t('alert.noStatus')}</p>}>
        <ul class="status-list" data-testid="alert-status-list">
          <For each={statuses()}>
            {(s) => (
              <li
                class={`status status-${s.kind}`}
                data-testid="alert-status"
                data-kind={s.kind}
                data-trust={s.trust}
                data-reports={s.reports}
              >
                <strong>
                  <span aria-hidden="true">{KIND_ICON[s.kind]}</span> {kindLabel(s.kind)}
                </strong>{' '}
                <TrustBadge trust={s.trust} reports={s.reports} />
                <Show when={reasonsText(s.reasons)}>{(r) => <span class="status-reasons">{r()}</span>}</Show>
                <span class="status-time">{t('alert.statusTime', { time: formatClock(s.at, store.now()) })}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
