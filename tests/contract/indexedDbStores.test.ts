/**
 * The storage contracts against the IndexedDB stores (fake-indexeddb, one
 * database per test), plain and sealed under a PIN.
 */
import { indexedDbImplementations } from './storeHarness';
import { runCircleStoreContract } from './circleStoreContract';
import { runIdentityStoreContract } from './identityStoreContract';
import { runFallbackStoreContract } from './fallbackStoreContract';
import { runOutboxContract } from './outboxStoreContract';
import { runSavedAreaStoreContract } from './savedAreaStoreContract';
import { runRecordStoreContract } from './recordStoreContract';

for (const impl of indexedDbImplementations((p) => p.records.openRecordStore())) runRecordStoreContract(impl);
for (const impl of indexedDbImplementations((p) => p.outbox.openOutboxStore())) runOutboxContract(impl);
for (const impl of indexedDbImplementations((p) => p.fallbacks.openFallbackStore())) runFallbackStoreContract(impl);
for (const impl of indexedDbImplementations((p) => p.areas.openSavedAreaStore())) runSavedAreaStoreContract(impl);
for (const impl of indexedDbImplementations((p) => p.circles.openCircleStore())) runCircleStoreContract(impl);
for (const impl of indexedDbImplementations((p, sealed) => () => p.keys.loadOrCreateIdentity(sealed)))
  runIdentityStoreContract(impl);
