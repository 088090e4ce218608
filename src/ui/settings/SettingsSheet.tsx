/**
 * Settings, grouped so it reads in one pass and the safety actions are one
 * tap away: the language row first (someone who cannot read the current
 * language must find it without scrolling), then jump links and four headed
 * groups — Map & offline (location, offline map, storage), Alerts, Relays
 * (the network, and this device's key as others see it), Nearby phones
 * (live links without a relay), and Safety (panic
 * wipe with its gesture first, then the app PIN). Safety holds only what
 * protects the phone, so its red button is not lost among other rows; Help
 * (the start tips again) comes last, outside the links. Groups stay open: a
 * folded group would put the panic wipe a second tap away and hide controls
 * from the page's search. A map file dropped anywhere on the sheet is imported
 * as a map pack (Offline maps shows its progress).
 */
import { Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { AlertSettings } from '../alerts/AlertSettings';
import { LanguagePicker } from './LanguagePicker';
import { LinkSettings } from '../links/LinkSettings';
import { LocationToggle } from './LocationToggle';
import { MyKey } from './MyKey';
import { OfflineSettings } from '../offline/OfflineSettings';
import { PanicWipeSettings } from '../safety/PanicWipeSettings';
import { PinSettings } from '../safety/PinSettings';
import { RelaySettings } from './RelaySettings';
import { SettingsGroup } from './SettingsGroup';
import { SettingsJumpLinks } from './SettingsJumpLinks';
import { Sheet } from '../common/Sheet';
import { ShowFirstRunHintButton } from './ShowFirstRunHintButton';

/** Ids of the groups the jump links lead to (`#settings-safety`; the heading is `settings-safety-heading`). */
const GROUP = {
  map: 'settings-map',
  alerts: 'settings-alerts',
  relays: 'settings-relays',
  links: 'settings-links',
  safety: 'settings-safety',
};

export function SettingsSheet(): JSX.Element {
  const store = useVada();
  const titles = {
    map: () => t('settings.group.map'),
    alerts: () => t('settings.alerts'),
    relays: () => t('settings.relays'),
    links: () => t('settings.group.links'),
    safety: () => t('settings.group.safety'),
  };
  return (
    <Sheet
      title={t('settings.heading')}
      testId="settings-sheet"
      onClose={() => store.ui.close()}
      onFileDrop={(file) => void store.mapPacks.importFile(file, file.name)}
    >
      <LanguagePicker />
      <SettingsJumpLinks
        groups={[
          { id: GROUP.map, label: titles.map() },
          { id: GROUP.alerts, label: titles.alerts() },
          { id: GROUP.relays, label: titles.relays() },
          { id: GROUP.links, label: titles.links() },
          { id: GROUP.safety, label: titles.safety() },
        ]}
      />
      <SettingsGroup id={GROUP.map} title={titles.map()}>
        <section class="settings-section" aria-labelledby="location-heading">
          <h4 id="location-heading">{t('settings.location')}</h4>
          <LocationToggle />
        </section>
        <OfflineSettings />
      </SettingsGroup>
      <SettingsGroup id={GROUP.alerts} title={titles.alerts()}>
        <AlertSettings />
      </SettingsGroup>
      <SettingsGroup id={GROUP.relays} title={titles.relays()}>
        <RelaySettings />
        <section class="settings-section" aria-labelledby="device-heading">
          <h4 id="device-heading">{t('settings.identity')}</h4>
          <MyKey />
          <Show when={store.problem()}>
            {(p) => (
              <p class="alert" role="alert">
                {t('settings.problem', { detail: p() })}
              </p>
            )}
          </Show>
        </section>
      </SettingsGroup>
      <SettingsGroup id={GROUP.links} title={titles.links()}>
        <LinkSettings />
      </SettingsGroup>
      <SettingsGroup id={GROUP.safety} title={titles.safety()}>
        <PanicWipeSettings />
        <PinSettings />
      </SettingsGroup>
      <SettingsGroup id="settings-help" title={t('settings.group.help')}>
        <ShowFirstRunHintButton />
      </SettingsGroup>
    </Sheet>
  );
}
