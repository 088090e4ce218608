/**
 * The shared SyncAdapter contract over phone links: a star of phones around a
 * hub phone (tests/fixtures/linkedPhones.ts), so every record crosses the hub
 * and is forwarded by it, and hostile values reach each phone straight from a
 * raw endpoint, refused by the phone's own checks (rejectionsReachClient).
 */
import { createLinkAdapter } from '../../src/sync/linkAdapter';
import { linkedPhones } from '../fixtures/linkedPhones';
import { runSyncAdapterContract } from './syncAdapterContract';

runSyncAdapterContract('phone links (a star around a hub phone)', () =>
  linkedPhones(async (opts) => createLinkAdapter(opts?.outbox ? { outbox: opts.outbox } : {})),
);
