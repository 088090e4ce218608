/**
 * Settings sections for the offline map (whether offline start works at this
 * address, save an area, saved areas), offline maps (map packs) and storage
 * on this device.
 */
import type { JSX } from 'solid-js';
import { t } from '../../i18n';
import { OfflineMaps } from './OfflineMaps';
import { OfflineStartNote } from './OfflineStartNote';
import { SaveAreaForm } from './SaveAreaForm';
import { SavedAreasList } from './SavedAreasList';
import { StorageMeter } from './StorageMeter';

export function OfflineSettings(): JSX.Element {
  return (
    <>
      <section class="settings-section" aria-labelledby="offline-heading">
        <h4 id="offline-heading">{t('offline.heading')}</h4>
        <p>{t('offline.explain')}</p>
        <OfflineStartNote />
        <SaveAreaForm />
        <SavedAreasList />
      </section>
      <OfflineMaps />
      <section class="settings-section" aria-labelledby="storage-heading">
        <h4 id="storage-heading">{t('storage.heading')}</h4>
        <StorageMeter />
      </section>
    </>
  );
}
