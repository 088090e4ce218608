/**
 * One point: title, note, state with countdown, times, distance (only when
 * the user shares location), author, reappear links, follow toggle, its
 * alerts and the buttons to raise one, protest mode, and the author's actions.
 * All peer text is rendered as text.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { distanceMeters, type AlertKind, type PointView, type RecordId } from '../../domain';
import { formatClock, formatDistance, t } from '../../i18n';
import { useVada } from '../../state';
import { AlertSentNote } from '../alerts/AlertSentNote';
import { AlertStatusList } from '../alerts/AlertStatusList';
import { AuthorActions } from './AuthorActions';
import { CircleLine } from '../circles/CircleLine';
import { FollowToggle } from './FollowToggle';
import { countdownText } from './countdownText';
import { fingerprint } from './fingerprint';
import { stateLabel } from './pointText';
import { ProtestStart } from './ProtestBar';
import { RaiseAlertButtons } from '../alerts/RaiseAlertButtons';
import { SendStateLine } from './SendStateLine';
import { Sheet } from '../common/Sheet';
import { useSecondTicks } from '../common/useSecondTicks';

export function DetailsSheet(props: { id: RecordId }): JSX.Element {
  const store = useVada();
  useSecondTicks();
  const point = () => store.point(props.id);
  // The last alert raised here; kept by the sheet so it outlives the point's end.
  const [sent, setSent] = createSignal<{ kind: AlertKind; id: RecordId }>();
  const goTo = (p: PointView) => {
    store.ui.setHighlight(p.id);
    store.ui.flyTo(p.lat, p.lon);
  };
  const live = (p: PointView) => p.state === 'upcoming' || p.state === 'active';
  const openPoint = (id: RecordId) => {
    store.ui.open({ kind: 'details', id });
    const target = store.point(id);
    if (target) goTo(target);
  };

  return (
    <Show when={point()} fallback={<GoneSheet />}>
      {(p) => (
        <Sheet title={p().title} testId="details-sheet" onClose={() => store.ui.close()}>
          <p class="state-line" data-testid="details-state" data-state={p().state} data-point-id={p().id}>
            <strong>{stateLabel(p().state)}</strong> · <span>{countdownText(p(), store.now())}</span>
          </p>
          <CircleLine circle={p().circle} />
          <FollowToggle id={p().id} />
          <Show when={p().note}>
            <p class="note" dir="auto" data-testid="details-note">
              {p().note}
            </p>
          </Show>
          <Show when={p().reappearAt}>
            {(target) => (
              <Show when={store.point(target())} fallback={<p>{t('details.reappearPending')}</p>}>
                {(tp) => (
                  <button
                    type="button"
                    class="link-button"
                    data-testid="reappear-link"
                    onClick={() => openPoint(tp().id)}
                  >
                    {t('details.reappearAt', { title: tp().title })}
                  </button>
                )}
              </Show>
            )}
          </Show>
          <Show when={p().reappearPlace}>
            {(place) => (
              <button
                type="button"
                class="link-button"
                data-testid="reappear-place"
                onClick={() => store.ui.flyTo(place().lat, place().lon)}
              >
                {t('alert.reappearAt', { title: place().label })}
              </button>
            )}
          </Show>
          <Show when={p().reappearFrom && store.point(p().reappearFrom as RecordId)}>
            {(from) => (
              <p class="reappear-from" data-testid="reappear-from">
                {t('details.reappearFrom', { title: from().title })}
              </p>
            )}
          </Show>
          <dl class="facts">
            <dt>{t('details.when')}</dt>
            <dd>
              {t('details.timeRange', {
                start: formatClock(p().start, store.now()),
                end: formatClock(p().end, store.now()),
              })}
            </dd>
            <Show when={store.location.position()}>
              {(me) => (
                <>
                  <dt>{t('details.distance')}</dt>
                  <dd data-testid="details-distance">{formatDistance(distanceMeters(me(), p()))}</dd>
                </>
              )}
            </Show>
            <dt>{t('details.author')}</dt>
            <dd data-testid="details-author">
              {store.isMine(p()) ? t('details.you') : t('details.key', { fingerprint: fingerprint(p().author) })}
            </dd>
            <Show when={store.sendState(p().id)}>
              {(s) => (
                <>
                  <dt>{s().carried ? t('details.carried') : t('details.sending')}</dt>
                  <dd>
                    <SendStateLine id={p().id} />
                  </dd>
                </>
              )}
            </Show>
          </dl>
          <div class="button-row">
            <button type="button" data-testid="show-on-map" onClick={() => goTo(p())}>
              {t('details.showOnMap')}
            </button>
            <button
              type="button"
              data-testid="details-share"
              onClick={() => store.ui.open({ kind: 'share', scope: { point: p().id } })}
            >
              {t('details.share')}
            </button>
          </div>
          <AlertStatusList id={p().id} />
          <Show when={sent()} keyed>
            {(s) => <AlertSentNote kind={s.kind} id={s.id} />}
          </Show>
          <Show when={live(p())}>
            <RaiseAlertButtons id={p().id} onSent={(kind, id) => setSent({ kind, id })} />
            <ProtestStart id={p().id} />
          </Show>
          <Show when={store.isMine(p()) && live(p())}>
            <AuthorActions id={p().id} />
          </Show>
        </Sheet>
      )}
    </Show>
  );
}

function GoneSheet(): JSX.Element {
  const store = useVada();
  return (
    <Sheet title={t('details.label')} testId="details-sheet" onClose={() => store.ui.close()}>
      <p data-testid="details-gone">{t('details.gone')}</p>
    </Sheet>
  );
}
