/**
 * Where a new point is published: one of this device's circles (never a
 * replaced one). Choosing the open circle says plainly that anyone can read it.
 */
import { For, Show, type JSX } from 'solid-js';
import type { CircleId } from '../../domain';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { circleLabel } from './circleText';

export function CirclePicker(props: { value: CircleId; onChange: (id: CircleId) => void }): JSX.Element {
  const store = useVada();
  const choices = () => store.circles.list().filter((c) => c.replacedBy === undefined);
  const isPublic = () => store.circles.get(props.value)?.isPublic ?? false;
  return (
    <div class="field">
      <label for="propose-circle">{t('propose.circle')}</label>
      <select
        id="propose-circle"
        data-testid="propose-circle"
        value={props.value}
        aria-describedby={isPublic() ? 'propose-public-note' : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value as CircleId)}
      >
        <For each={choices()}>{(c) => <option value={c.id}>{circleLabel(c)}</option>}</For>
      </select>
      <Show when={isPublic()}>
        <p id="propose-public-note" class="public-note" data-testid="propose-public-note">
          {t('propose.publicNote')}
        </p>
      </Show>
    </div>
  );
}
