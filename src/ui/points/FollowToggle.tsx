/** Follow a point to get its alerts; kept on this device only, never published. */
import type { JSX } from 'solid-js';
import type { RecordId } from '../../domain';
import { t } from '../../i18n';
import { useVada } from '../../state';

export function FollowToggle(props: { id: RecordId }): JSX.Element {
  const store = useVada();
  const on = () => store.follows.followed().has(props.id);
  return (
    <button
      type="button"
      class="follow-toggle"
      data-testid="follow-toggle"
      aria-pressed={on() ? 'true' : 'false'}
      onClick={() => (on() ? store.follows.unfollow(props.id) : store.follows.follow(props.id))}
    >
      <span aria-hidden="true">{on() ? '★' : '☆'}</span> {on() ? t('follow.on') : t('follow.off')}
    </button>
  );
}
