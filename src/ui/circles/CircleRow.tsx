/**
 * One circle in the circles sheet: its name (the open circle is "Public"),
 * its invite, and the actions this device may take on it: re-key (organizers),
 * name a co-organizer (creator), leave. A replaced circle is read-only.
 */
import { createSignal, Match, Show, Switch, type JSX } from 'solid-js';
import type { CircleId } from '../../domain';
import { t } from '../../i18n';
import { useVada } from '../../state';
import type { CircleView } from '../../state/circleTypes';
import { CircleConfirm } from './CircleConfirm';
import { CircleInvite } from './CircleInvite';
import { CircleOrganizerForm } from './CircleOrganizerForm';
import { circleLabel, joinRefusalText } from './circleText';

export function CircleRow(props: {
  circle: CircleView;
  inviteOpen: boolean;
  setInviteOpen: (open: boolean) => void;
  /** A re-key made `id` the circle's successor on this device. */
  onRekeyed: (id: CircleId) => void;
}): JSX.Element {
  const store = useVada();
  const [confirming, setConfirming] = createSignal<'rekey' | 'leave'>();
  const writable = () => !props.circle.isPublic && props.circle.replacedBy === undefined;
  const link = () => (writable() && props.inviteOpen ? store.circles.inviteLink(props.circle.id) : undefined);

  const rekey = async () => {
    const r = await store.circles.rekey(props.circle.id);
    if (!r.ok) return joinRefusalText(r);
    setConfirming(undefined);
    props.onRekeyed(r.circle.id);
    return undefined;
  };
  const leave = async () => {
    await store.circles.leave(props.circle.id);
    return undefined;
  };

  return (
    <li
      class="circle-row"
      data-testid="circle-row"
      data-circle-id={props.circle.id}
      data-public={String(props.circle.isPublic)}
      data-replaced={String(props.circle.replacedBy !== undefined)}
    >
      <p class="circle-head">
        <span class="circle-name" data-testid="circle-name">
          {circleLabel(props.circle)}
        </span>
        <Show when={props.circle.replacedBy}>
          <span class="badge badge-ended">{t('circle.replaced')}</span>
        </Show>
        <Show when={props.circle.amOrganizer && !props.circle.isPublic}>
          <span class="badge badge-target">{t('circle.organizer')}</span>
        </Show>
      </p>
      <Show when={!props.circle.isPublic}>
        <div class="button-row">
          <Show when={writable()}>
            <button
              type="button"
              data-testid="circle-invite"
              aria-expanded={props.inviteOpen}
              onClick={() => props.setInviteOpen(true)}
            >
              {t('circle.invite')}
            </button>
          </Show>
          <Show when={writable() && props.circle.amOrganizer}>
            <button type="button" data-testid="circle-rekey" onClick={() => setConfirming('rekey')}>
              {t('circle.rekey')}
            </button>
          </Show>
          <button type="button" class="warn" data-testid="circle-leave" onClick={() => setConfirming('leave')}>
            {t('circle.leave')}
          </button>
        </div>
        <Switch>
          <Match when={confirming() === 'rekey'}>
            <CircleConfirm
              explain={t('circle.rekeyExplain', { name: props.circle.name })}
              confirmLabel={t('circle.rekeyConfirm')}
              testId="circle-rekey-confirm"
              onConfirm={rekey}
              onBack={() => setConfirming(undefined)}
            />
          </Match>
          <Match when={confirming() === 'leave'}>
            <CircleConfirm
              explain={t('circle.leaveExplain', { name: props.circle.name })}
              confirmLabel={t('circle.leaveConfirm')}
              testId="circle-leave-confirm"
              onConfirm={leave}
              onBack={() => setConfirming(undefined)}
            />
          </Match>
        </Switch>
        <Show when={link()}>
          {(l) => <CircleInvite name={props.circle.name} link={l()} onHide={() => props.setInviteOpen(false)} />}
        </Show>
        <Show when={writable() && props.circle.creator === store.myKey}>
          <CircleOrganizerForm id={props.circle.id} />
        </Show>
      </Show>
    </li>
  );
}
