/**
 * Relays and nearby-phone links side by side, behind one SyncAdapter: what
 * this device publishes goes to both; what a relay delivers is offered to the
 * linked phones, and what a linked phone delivers is carried to the relays
 * once. This is how a phone on a link that also reaches a relay bridges the
 * two (issue 13). Why a wrapper and not a third transport: the relay adapter
 * is replaced whenever the relay list changes, while links live for the
 * page, so the bridge is rebuilt around the same LinkAdapter each time and
 * closing it closes the relay side only.
 */
import type { VerifiedRecord } from '../domain/records';
import type { LinkAdapter } from './linkAdapter';
import type { CarriedRecord, Subscription, SyncAdapter, SyncStatus } from './SyncAdapter';

const carriedOf = (record: VerifiedRecord, wire: string): CarriedRecord => ({
  id: record.id,
  circle: record.circle,
  wire,
  created: record.created,
});

/**
 * One adapter over `relay` (replaced with the relay list) and `links` (the
 * page's one LinkAdapter). Send states, relay time and `connected` are the
 * relay's; `links` in the status counts the open links. Records are
 * delivered once per id per subscription, whichever side brought them first.
 */
export function bridgeAdapters(relay: SyncAdapter, links: LinkAdapter): SyncAdapter {
  /** Ids the relays delivered: never carried back to them. */
  const fromRelay = new Set<string>();
  /** Ids handed to the relay side already (carried from a link, published or forwarded here). */
  const toRelay = new Set<string>();
  /** Ids the links have or were offered: offered once. */
  const toLinks = new Set<string>();
  const unsubs = new Set<() => void>();
  const statusListeners = new Set<(s: SyncStatus) => void>();
  let closed = false;

  const status = (): SyncStatus => {
    const r = relay.status();
    const l = links.status();
    const lastSync = Math.max(r.lastSync ?? -Infinity, l.lastSync ?? -Infinity);
    return { ...r, links: l.connected, ...(Number.isFinite(lastSync) ? { lastSync } : {}) };
  };
  const tell = () => {
    if (closed) return;
    const s = status();
    for (const listener of statusListeners) listener(s);
  };
  const offStatus = [relay.onStatus(tell), links.onStatus(tell)];

  const offerToLinks = (record: CarriedRecord) => {
    if (closed || toLinks.has(record.id)) return;
    toLinks.add(record.id);
    links.offer(record);
  };
  const carryToRelay = (record: CarriedRecord) => {
    if (closed || toRelay.has(record.id) || fromRelay.has(record.id)) return;
    toRelay.add(record.id);
    // A refusal or a full outbox is the relay adapter's to report (its send states); nothing to add here.
    relay.forward(record).catch(() => {});
  };

  return {
    async publish(circle, sealed) {
      toRelay.add(sealed.id);
      toLinks.add(sealed.id);
      await Promise.all([relay.publish(circle, sealed), links.publish(circle, sealed)]);
    },
    async forward(record) {
      toRelay.add(record.id);
      toLinks.add(record.id);
      await Promise.all([relay.forward(record), links.forward(record)]);
    },
    offer: offerToLinks,
    sendState: (id) => relay.sendState(id),
    onSend: (listener) => relay.onSend(listener),
    subscribe(circle, sub: Subscription) {
      const seen = new Set<string>();
      const deliver = (record: VerifiedRecord, wire: string) => {
        if (seen.has(record.id)) return;
        seen.add(record.id);
        sub.onRecord(record, wire);
      };
      const onReject = sub.onReject?.bind(sub);
      const offRelay = relay.subscribe(circle, {
        onRecord(record, wire) {
          fromRelay.add(record.id);
          offerToLinks(carriedOf(record, wire));
          deliver(record, wire);
        },
        ...(onReject ? { onReject } : {}),
      });
      const offLinks = links.subscribe(circle, {
        onRecord(record, wire) {
          // The links have it: the link adapter itself passes it on to the other links.
          toLinks.add(record.id);
          carryToRelay(carriedOf(record, wire));
          deliver(record, wire);
        },
        ...(onReject ? { onReject } : {}),
      });
      const stop = () => {
        offRelay();
        offLinks();
      };
      unsubs.add(stop);
      return () => {
        stop();
        unsubs.delete(stop);
      };
    },
    status,
    ...(relay.onTime ? { onTime: (listener) => relay.onTime!(listener) } : {}),
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    async close() {
      closed = true;
      for (const off of offStatus) off();
      for (const stop of unsubs) stop();
      unsubs.clear();
      statusListeners.clear();
      // The links stay: they belong to the page, not to this relay list.
      await relay.close();
    },
  };
}
