/** The storage contracts against the memory stores, plain and with a PIN's codec installed. */
import { memoryImplementations } from './storeHarness';
import { runCircleStoreContract } from './circleStoreContract';
import { runFallbackStoreContract } from './fallbackStoreContract';
import { runOutboxContract } from './outboxStoreContract';
import { runSavedAreaStoreContract } from './savedAreaStoreContract';
import { runSettingsStoreContract } from './settingsStoreContract';
import { runRecordStoreContract } from './recordStoreContract';

for (const impl of memoryImplementations((p) => p.records.createMemoryRecordStore())) runRecordStoreContract(impl);
for (const impl of memoryImplementations((p) => p.memoryOutbox.createMemoryOutbox())) runOutboxContract(impl);
for (const impl of memoryImplementations((p) => p.fallbacks.createMemoryFallbackStore()))
  runFallbackStoreContract(impl);
for (const impl of memoryImplementations((p) => p.areas.createMemorySavedAreaStore())) runSavedAreaStoreContract(impl);
for (const impl of memoryImplementations((p) => p.circles.createMemoryCircleStore())) runCircleStoreContract(impl);
// Storage blocked (some private windows): settings live in memory, with or without a PIN.
const memorySettings = memoryImplementations((p, sealed) =>
  sealed ? p.sealedSettings.openSealedSettingsStore() : p.settings.openSettingsStore(),
);
for (const impl of memorySettings) runSettingsStoreContract(impl);
