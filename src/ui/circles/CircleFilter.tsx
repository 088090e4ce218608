/** Which circles the map and list show: all, or one. Shown once this device is in a private circle. */
import { For, Show, type JSX } from 'solid-js';
import type { CircleId } from '../../domain';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { circleLabel } from './circleText';

export function CircleFilter(): JSX.Element {
  const store = useVada();
  const onChange = (value: string) => store.circles.setFilter(value === 'all' ? 'all' : (value as CircleId));
  return (
    // Also shown while a filter is on, so it can always be turned off.
    <Show when={store.circles.list().length > 1 || store.circles.filter() !== 'all'}>
      <div class="circle-filter">
        <label for="circle-filter">{t('circle.filter')}</label>
        <select
          id="circle-filter"
          data-testid="circle-filter"
          value={store.circles.filter()}
          onChange={(e) => onChange(e.currentTarget.value)}
        >
          <option value="all">{t('circle.filterAll')}</option>
          <For each={store.circles.list()}>{(c) => <option value={c.id}>{circleLabel(c)}</option>}</For>
        </select>
      </div>
    </Show>
  );
}
