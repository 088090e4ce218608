/**
 * The GUN adapter against Vada's real relay process: the same contract as the
 * memory adapter. Hostile values are written by a raw GUN client; the relay
 * refuses them, so the client must simply never see them.
 */
import WebSocket from 'ws';
import { createGunAdapter } from '../../src/sync/gunAdapter';
import { soulOf } from '../../src/protocol/souls';
import { runSyncAdapterContract } from '../contract/syncAdapterContract';
import { makeGunClient } from '../fixtures/rawGunClient';
import { relayStats, startRelayProcess } from '../fixtures/relayProcess';

runSyncAdapterContract(
  'gun over a real Vada relay process',
  async () => {
    const relay = await startRelayProcess();
    const hostile = makeGunClient(relay.gunUrl);
    return {
      makeAdapter: async (opts) => createGunAdapter({ relays: [relay.gunUrl], WebSocket, ...opts }),
      cutRelays: () => relay.stop(),
      restoreRelays: () => relay.restart(),
      async relayCounts() {
        const s = await relayStats(relay);
        return { accepted: s.accepted, stored: s.stored };
      },
      relayRefusals: async () => (await relayStats(relay)).refusedTotal,
      async inject(circle, bucket, id, value) {
        hostile.gun.get(soulOf(circle, bucket)).get(id).put(value);
        await new Promise((r) => setTimeout(r, 50));
      },
      rejectionsReachClient: false,
      async teardown() {
        hostile.close();
        await relay.stop();
      },
    };
  },
  { relayChecksRecords: true },
);
