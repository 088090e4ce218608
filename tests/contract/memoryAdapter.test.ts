import { createMemoryAdapter, createMemoryHub } from '../../src/sync/memoryAdapter';
import { runSyncAdapterContract } from './syncAdapterContract';

runSyncAdapterContract('memory', async () => {
  const hub = createMemoryHub();
  return {
    makeAdapter: async (opts) => createMemoryAdapter(hub, opts),
    cutRelays: async () => hub.setReachable(false),
    restoreRelays: async () => hub.setReachable(true),
    inject: async (circle, bucket, id, value) => hub.inject(circle, id, value, bucket),
    rejectionsReachClient: true,
    teardown: async () => {},
  };
});
