/**
 * How alerts reach this user: which points (followed only, or also within a
 * radius of their shared location), vibration, sound, system notifications
 * (asking permission on the tap) and what the lock screen may say. Each
 * channel that cannot work says so plainly.
 */
import { For, Show, type JSX } from 'solid-js';
import { codePoints } from '../../domain';
import { formatDistance, t, type MessageKey } from '../../i18n';
import { useVada } from '../../state';
import { ALERT_RADIUS_CHOICES_M, DISCREET_TEXT_MAX, type LockScreenText } from '../../state/alertTypes';

const LOCK_KEYS = {
  discreet: 'settings.lockScreen.discreet',
  kind: 'settings.lockScreen.kind',
  full: 'settings.lockScreen.full',
} as const satisfies Record<LockScreenText, MessageKey>;

const DEGRADED_KEYS = {
  'no-notifications': 'settings.degraded.no-notifications',
  'notifications-denied': 'settings.degraded.notifications-denied',
  'no-vibration': 'settings.degraded.no-vibration',
  'sound-blocked': 'settings.degraded.sound-blocked',
} as const satisfies Record<string, MessageKey>;

export function AlertSettings(): JSX.Element {
  const { alerts } = useVada();
  const s = () => alerts.settings();
  const blocked = () => alerts.permission() === 'denied' || alerts.permission() === 'unsupported';
  const notes = () => {
    const keys = new Set(alerts.degraded().map((d) => DEGRADED_KEYS[d]));
    // Both notification notes say the same: show it once, and also before the user tried to turn it on.
    if (blocked()) keys.add(DEGRADED_KEYS['notifications-denied']);
    if (keys.has(DEGRADED_KEYS['no-notifications'])) keys.delete(DEGRADED_KEYS['notifications-denied']);
    return [...keys];
  };
  const notifyOn = () => s().notify && !blocked();
  const onNotify = async (box: HTMLInputElement) => {
    if (!box.checked) alerts.setSettings({ notify: false });
    else await alerts.enableNotifications();
    // A refused permission leaves the setting as it was: put the box back to match it.
    box.checked = notifyOn();
  };
  return (
    <div class="settings-section" data-testid="alert-settings">
      <div class="field">
        <label for="alert-radius">{t('settings.alertRadius')}</label>
        <select
          id="alert-radius"
          data-testid="alert-radius"
          aria-describedby="alert-radius-hint"
          onChange={(e) => alerts.setSettings({ radiusM: Number(e.currentTarget.value) })}
        >
          <For each={ALERT_RADIUS_CHOICES_M}>
            {(m) => (
              <option value={m} selected={s().radiusM === m}>
                {m === 0 ? t('settings.radius.followed') : t('settings.radius.within', { distance: formatDistance(m) })}
              </option>
            )}
          </For>
        </select>
        <p id="alert-radius-hint" class="hint">
          {t('settings.radiusHint')}
        </p>
      </div>
      <label class="choice">
        <input
          type="checkbox"
          data-testid="alert-vibrate"
          checked={s().vibrate}
          onChange={(e) => alerts.setSettings({ vibrate: e.currentTarget.checked })}
        />
        {t('settings.vibrate')}
      </label>
      <label class="choice">
        <input
          type="checkbox"
          data-testid="alert-sound"
          checked={s().sound}
          onChange={(e) => alerts.setSettings({ sound: e.currentTarget.checked })}
        />
        {t('settings.sound')}
      </label>
      <label class="choice">
        <input
          type="checkbox"
          data-testid="alert-notify"
          checked={notifyOn()}
          onChange={(e) => void onNotify(e.currentTarget)}
        />
        {t('settings.notify')}
      </label>
      <Show when={notes().length > 0}>
        <ul class="degraded" data-testid="alerts-degraded" role="status">
          <For each={notes()}>{(k) => <li>{t(k)}</li>}</For>
        </ul>
      </Show>
      <div class="field">
        <label for="lock-screen-text">{t('settings.lockScreen')}</label>
        <select
          id="lock-screen-text"
          data-testid="lock-screen-text"
          aria-describedby="lock-screen-hint"
          onChange={(e) => alerts.setSettings({ lockScreen: e.currentTarget.value as LockScreenText })}
        >
          <For each={['discreet', 'kind', 'full'] as const}>
            {(v) => (
              <option value={v} selected={s().lockScreen === v}>
                {t(LOCK_KEYS[v])}
              </option>
            )}
          </For>
        </select>
        <p id="lock-screen-hint" class="hint">
          {t('settings.lockScreenHint')}
        </p>
      </div>
      <div class="field">
        <label for="discreet-text">{t('settings.discreetText')}</label>
        <input
          id="discreet-text"
          data-testid="discreet-text"
          maxLength={DISCREET_TEXT_MAX}
          autocomplete="off"
          value={s().discreetText}
          aria-describedby="discreet-text-hint"
          onChange={(e) => {
            const v = e.currentTarget.value.trim();
            if (v !== '' && codePoints(v) <= DISCREET_TEXT_MAX) alerts.setSettings({ discreetText: v });
            else e.currentTarget.value = s().discreetText;
          }}
        />
        <p id="discreet-text-hint" class="hint">
          {t('field.charsLeft', { count: Math.max(0, DISCREET_TEXT_MAX - codePoints(s().discreetText)) })}
        </p>
      </div>
    </div>
  );
}
