/**
 * Settings section "Offline maps": what a map pack is (and that the panic
 * wipe deletes them), importing one, the packs on this phone and the packs
 * the relay serves.
 */
import type { JSX } from 'solid-js';
import { t } from '../../i18n';
import { PackImport } from './PackImport';
import { PackList } from './PackList';
import { RelayPackList } from './RelayPackList';

export function OfflineMaps(): JSX.Element {
  return (
    <section class="settings-section" aria-labelledby="packs-heading" data-testid="offline-maps">
      <h4 id="packs-heading">{t('pack.heading')}</h4>
      <p class="hint">{t('pack.explain')}</p>
      <PackImport />
      <PackList />
      <RelayPackList />
    </section>
  );
}
