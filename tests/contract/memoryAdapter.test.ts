import { createMemoryAdapter, createMemoryHub } from '../../src/sync/memoryAdapter';
import { runSyncAdapterContract } from './syncAdapterContract';

runSyncAdapterContract('memory', async () => {
  const hub = createMemoryHub();
  return {
    makeAdapter: async () => createMemoryAdapter(hub),
    inject: async (circle, bucket, id, value) => hub.inject(circle, id, value, bucket),
    rejectionsReachClient: true,
    teardown: async () => {},
  };
});
