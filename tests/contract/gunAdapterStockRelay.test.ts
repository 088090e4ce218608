/** The GUN adapter over a relay that filters nothing: the client's own checks must hold. */
import WebSocket from 'ws';
import { createGunAdapter } from '../../src/sync/gunAdapter';
import { soulOf } from '../../src/protocol/souls';
import { startStockGunRelay } from '../fixtures/stockGunRelay';
import { runSyncAdapterContract } from './syncAdapterContract';

runSyncAdapterContract('gun over a stock (non-filtering) relay', async () => {
  const relay = await startStockGunRelay();
  return {
    makeAdapter: async (opts) => createGunAdapter({ relays: [relay.gunUrl], WebSocket, ...opts }),
    cutRelays: () => relay.stop(),
    restoreRelays: () => relay.start(),
    inject: (circle, bucket, id, value) => relay.put(soulOf(circle, bucket), id, value),
    rejectionsReachClient: true,
    teardown: () => relay.close(),
  };
});
