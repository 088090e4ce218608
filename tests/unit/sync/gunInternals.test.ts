/**
 * Each GUN internal the client relies on (src/sync/gunInternals.ts, listed in
 * docs/decisions/gun-internals.md), checked on a real GUN instance linked to a
 * WebSocket server on 127.0.0.1. When a GUN upgrade changes one, the failure
 * names it: "GUN's <internal> …: GUN <version> changed its internals; see …".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, it } from 'vitest';
import WebSocket, { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { Gun, GUN_INTERNALS_DOC, gunInternals, isOpen, linkUrl, sendOnLink } from '../../../src/sync/gunInternals';
import type { GunPeer } from '../../../src/sync/gunTypes';
import { internalCheck, until } from '../../fixtures/gunShape';

/** Fails naming the internal that changed, GUN's version and the document that lists them. */
const internal = internalCheck(GUN_INTERNALS_DOC);

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A WebSocket server at /gun on 127.0.0.1 that records its connections. */
async function relayStandIn() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/gun' });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const sockets: ServerSocket[] = [];
  wss.on('connection', (ws) => sockets.push(ws));
  cleanup.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
  cleanup.push(() => wss.clients.forEach((ws) => ws.terminate()));
  return { url: `http://127.0.0.1:${(wss.address() as AddressInfo).port}/gun`, sockets };
}

/** A client GUN configured as the adapter configures it (plus a temp folder, though its browser build stores nothing). */
function clientGun(url: string) {
  const dir = mkdtempSync(join(tmpdir(), 'vada-gun-internals-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return Gun({
    peers: { [url]: { id: url, url } },
    localStorage: false,
    radisk: false,
    axe: false,
    multicast: false,
    stats: false,
    file: dir,
    super: false,
    WebSocket,
  });
}

it('the intake, DAM handlers, link events, peer table, retry state and HAM drift are where the client expects them', async () => {
  const relay = await relayStandIn();
  const gun = clientGun(relay.url);
  let internals: ReturnType<typeof gunInternals> | undefined;
  try {
    internals = gunInternals(gun);
  } catch {
    /* reported below */
  }
  internal('mesh.hear is no longer a function (or gun._.opt.mesh / opt.peers moved)', internals !== undefined);
  if (!internals) return;
  cleanup.push(() => internals.closeAll());

  const frames: unknown[] = [];
  const dams: Array<{ msg: unknown; peer: GunPeer }> = [];
  const his: GunPeer[] = [];
  const byes: GunPeer[] = [];
  // As the real intake does: parse the text, hand GUN a plain object.
  internals.wrapIntake((original) => (raw, peer) => {
    frames.push(raw);
    original(typeof raw === 'string' ? JSON.parse(raw) : raw, peer);
  });
  internals.onDam('zz', (msg, peer) => dams.push({ msg, peer }));
  internals.onLink('hi', (peer) => his.push(peer));
  internals.onLink('bye', (peer) => byes.push(peer));

  internal("root event 'hi' no longer fires when a link opens", await until(() => his.length === 1));
  const link = his[0] as GunPeer;
  internal("a link's peer no longer carries its URL", linkUrl(link) === relay.url);
  internal('peer table (gun._.opt.peers) no longer keys a link by its URL', internals.isListed(relay.url, link));
  internal('peer.wire is no longer the open socket of a link', isOpen(link) && internals.openLinks() === 1);
  internal('opt.peers no longer lists the configured relays', internals.links().length === 1);

  relay.sockets[0]?.send(JSON.stringify({ '#': 'zz1', dam: 'zz', x: 1 }));
  internal('WebSocket adapter no longer hands frames to mesh.hear', await until(() => frames.length > 0));
  internal(
    'WebSocket adapter no longer hands mesh.hear the frame as text',
    frames[0] === '{"#":"zz1","dam":"zz","x":1}',
  );
  internal(
    'mesh.hear no longer looks DAM handlers up on the current mesh.hear, or no longer takes a parsed message',
    (await until(() => dams.length === 1)) && (dams[0]?.msg as { x?: number }).x === 1 && dams[0]?.peer === link,
  );

  const answers: string[] = [];
  relay.sockets[0]?.on('message', (data) => answers.push(String(data)));
  internal(
    'peer.wire.send no longer sends a text frame',
    sendOnLink(link, '{"#":"t1","dam":"nts","nts":[1]}') &&
      (await until(() => answers.includes('{"#":"t1","dam":"nts","nts":[1]}'))),
  );

  // The relay drops the link: GUN says bye, unlists it, nulls its socket and schedules a retry.
  relay.sockets[0]?.close();
  internal(
    "root event 'bye' no longer fires when a link closes",
    (await until(() => byes.length === 1)) && byes[0] === link,
  );
  internal("'bye' no longer removes a link from opt.peers", !internals.isListed(relay.url, link));
  internal("'bye' no longer sets peer.wire to null", link.wire === null && internals.isDown(link));
  internal('reconnect no longer keeps its timer in peer.defer', link.defer !== undefined);
  internal('reconnect no longer counts its budget in peer.retry', typeof link.retry === 'number');

  // What keepLinks does to revive it: list it again and dial it afresh (opt.wire).
  internals.list(relay.url, link);
  internals.redial(link);
  internal('opt.wire no longer dials a listed link', await until(() => relay.sockets.length === 2 && his.length === 2));
  internal('a redialled link is no longer open and listed', isOpen(link) && internals.isListed(relay.url, link));
  internal('retry budget is no longer reset by clearing peer.retry', internals.retriesLeft(link));

  // Out of the table, a link that drops is not retried: keepLinks cuts links this way.
  internals.unlist(relay.url);
  relay.sockets[1]?.close();
  internal("root event 'bye' no longer fires for an unlisted link", await until(() => byes.length === 2));
  await new Promise((r) => setTimeout(r, 2500)); // a listed link would be retried after ~2 s
  internal('reconnect no longer skips links missing from opt.peers', relay.sockets.length === 2);

  // Closed without GUN hearing it, the link is announced gone by mesh.bye (then `hi` again on reopening).
  internals.list(relay.url, link);
  internals.redial(link);
  internal('opt.wire no longer dials a link again', await until(() => his.length === 3));
  internals.hangUp(link);
  internal("mesh.bye no longer fires root event 'bye'", byes.length === 3 && byes[2] === link);
});

it('a browser GUN gives a link up when its retry budget is spent (why keepLinks redials)', async () => {
  const relay = await relayStandIn();
  // GUN's WebSocket adapter reads `document` once per instance to decide it runs in a browser.
  const hadDocument = 'document' in globalThis;
  Object.defineProperty(globalThis, 'document', { value: { hidden: false }, configurable: true });
  let gun: ReturnType<typeof clientGun>;
  try {
    gun = clientGun(relay.url);
  } finally {
    if (!hadDocument) delete (globalThis as { document?: unknown }).document;
  }
  const internals = gunInternals(gun);
  cleanup.push(() => internals.closeAll());
  internal('a browser GUN no longer opens its links', await until(() => internals.openLinks() === 1));
  const [, link] = internals.links()[0] as [string, GunPeer];
  link.retry = 0;
  internal('retriesLeft no longer reads a spent budget from peer.retry', !internals.retriesLeft(link));
  relay.sockets[0]?.close();
  await new Promise((r) => setTimeout(r, 2500)); // a retry would come after ~2 s
  internal('reconnect no longer gives up in a browser once peer.retry is spent', relay.sockets.length === 1);
});
