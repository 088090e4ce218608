/**
 * The settings contract against the stores kept in localStorage (a fake per
 * test): the clear store without a PIN, the sealed one under a PIN (as the
 * app picks them at start).
 */
import { localStorageImplementations } from './storeHarness';
import { runSettingsStoreContract } from './settingsStoreContract';

const impls = localStorageImplementations((p, sealed) =>
  sealed ? p.sealedSettings.openSealedSettingsStore() : p.settings.openSettingsStore(),
);
for (const impl of impls) runSettingsStoreContract(impl);
