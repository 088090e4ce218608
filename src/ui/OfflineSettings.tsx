/** Settings sections for the offline map (save an area, saved areas) and storage on this device. */
import type { JSX } from 'solid-js';
import { t } from '../i18n';
import { SaveAreaForm } from './SaveAreaForm';
import { SavedAreasList } from './SavedAreasList';
import { StorageMeter } from './StorageMeter';

export function OfflineSettings(): JSX.Element {
  return (
    <>
      <section class="settings-group" aria-labelledby="offline-heading">
        <h3 id="offline-heading">{t('offline.heading')}</h3>
        <p>{t('offline.explain')}</p>
        <SaveAreaForm />
        <SavedAreasList />
      </section>
      <section class="settings-group" aria-labelledby="storage-heading">
        <h3 id="storage-heading">{t('storage.heading')}</h3>
        <StorageMeter />
      </section>
    </>
  );
}
