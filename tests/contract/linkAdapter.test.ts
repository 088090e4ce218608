/**
 * The shared SyncAdapter contract over phone links: every adapter the suite
 * makes is a phone linked to one hub phone (another link adapter), a star, so
 * every record crosses the hub and is forwarded by it. "Relays cut" closes
 * every link; "restored" links every phone to the hub again. A hostile value
 * comes from a raw endpoint linked straight to each phone, which proves the
 * circle and writes a raw `rec` frame, so the phones' own checks refuse it and
 * their subscribers hear the refusal (rejectionsReachClient). The phone cuts
 * such a link, so each injection links a new endpoint.
 */
import type { RecordId } from '../../src/domain/brand';
import { openCircle } from '../../src/protocol/circle';
import { createLinkAdapter, type LinkAdapter } from '../../src/sync/linkAdapter';
import { linkChannelPair } from '../fixtures/linkChannelPair';
import { rawLinkPeer } from '../fixtures/rawLinkPeer';
import { waitFor } from '../fixtures/records';
import { runSyncAdapterContract } from './syncAdapterContract';

runSyncAdapterContract('phone links (a star around a hub phone)', async () => {
  const hub = createLinkAdapter();
  const phones: LinkAdapter[] = [];
  const drops: Array<() => void> = [];
  let up = true;
  const link = (phone: LinkAdapter) => {
    const [a, b] = linkChannelPair();
    drops.push(hub.attach(a), phone.attach(b));
  };
  const open = await openCircle();
  return {
    async makeAdapter(opts) {
      const phone = createLinkAdapter(opts?.outbox ? { outbox: opts.outbox } : {});
      phones.push(phone);
      if (up) link(phone);
      return phone;
    },
    async cutRelays() {
      up = false;
      for (const drop of drops.splice(0)) drop();
    },
    async restoreRelays() {
      up = true;
      // A phone closed by the suite refuses the new link at once; the others are linked again.
      for (const p of phones) link(p);
    },
    async inject(circle, bucket, id, value) {
      if (circle !== open.id) throw new Error('the contract suite writes in the open circle');
      await Promise.all(
        phones.map(async (p) => {
          const raw = rawLinkPeer(p);
          drops.push(() => raw.end.close());
          await raw.handshake([open]);
          if (raw.closed()) return;
          // Wait until the phone proved the circle back (its have/ack traffic needs the token, the rec does not).
          await waitFor(() => raw.heard.some((f) => f.t === 'circles'), 'the phone circles');
          raw.send({
            t: 'rec',
            c: await raw.tokenFor(open),
            r: [{ id: id as RecordId, b: bucket, w: String(value), h: 0 }],
          });
        }),
      );
    },
    rejectionsReachClient: true,
    async teardown() {
      for (const drop of drops.splice(0)) drop();
      await hub.close();
    },
  };
});
