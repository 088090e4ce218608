/** Settings: relays, location sharing, alerts, offline map, which key this device signs with, the app PIN and the panic wipe. */
import { Show, type JSX } from 'solid-js';
import { t } from '../i18n';
import { useVada } from '../state';
import { AlertSettings } from './AlertSettings';
import { LocationToggle } from './LocationToggle';
import { MyKey } from './MyKey';
import { OfflineSettings } from './OfflineSettings';
import { PanicWipeSettings } from './PanicWipeSettings';
import { PinSettings } from './PinSettings';
import { RelaySettings } from './RelaySettings';
import { Sheet } from './Sheet';

export function SettingsSheet(): JSX.Element {
  const store = useVada();
  return (
    <Sheet title={t('settings.heading')} testId="settings-sheet" onClose={() => store.ui.close()}>
      <RelaySettings />
      <section class="settings-group" aria-labelledby="location-heading">
        <h3 id="location-heading">{t('settings.location')}</h3>
        <LocationToggle />
      </section>
      <AlertSettings />
      <OfflineSettings />
      <section class="settings-group" aria-labelledby="device-heading">
        <h3 id="device-heading">{t('settings.identity')}</h3>
        <MyKey />
        <Show when={store.problem()}>
          {(p) => (
            <p class="alert" role="alert">
              {t('settings.problem', { detail: p() })}
            </p>
          )}
        </Show>
      </section>
      <PinSettings />
      <PanicWipeSettings />
    </Sheet>
  );
}
