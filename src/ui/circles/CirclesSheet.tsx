/**
 * The circles sheet: every circle this device is in (the open one marked
 * public), with invites and organizer actions, plus forms to create a circle
 * and to join one from a pasted link or with the in-app scanner.
 */
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import type { CircleId } from '../../domain';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { CircleCreateForm } from './CircleCreateForm';
import { CircleJoinForm } from './CircleJoinForm';
import { CircleRow } from './CircleRow';
import { Sheet } from '../common/Sheet';

export function CirclesSheet(): JSX.Element {
  const store = useVada();
  // One invite open at a time; a new or re-keyed circle opens its own so it can be shared at once.
  const [inviteFor, setInviteFor] = createSignal<CircleId>();
  const ids = createMemo(() => store.circles.list().map((c) => c.id));
  return (
    <Sheet title={t('circle.heading')} testId="circles-sheet" onClose={() => store.ui.close()}>
      <p class="hint">{t('circle.explain')}</p>
      <h3>{t('circle.yours')}</h3>
      <ul class="circle-list" data-testid="circle-list">
        {/* Keyed by id, not by view object: a re-fold (new organizer, re-key) must not reset a row's forms. */}
        <For each={ids()}>
          {(id) => (
            <Show when={store.circles.get(id)}>
              {(c) => (
                <CircleRow
                  circle={c()}
                  inviteOpen={inviteFor() === id}
                  setInviteOpen={(open) => setInviteFor(open ? id : undefined)}
                  onRekeyed={setInviteFor}
                />
              )}
            </Show>
          )}
        </For>
      </ul>
      <CircleCreateForm onCreated={setInviteFor} />
      <CircleJoinForm />
      <button
        type="button"
        data-testid="circle-scan-invite"
        onClick={() => store.ui.open({ kind: 'import', scan: true })}
      >
        {t('circle.scanInvite')}
      </button>
    </Sheet>
  );
}
