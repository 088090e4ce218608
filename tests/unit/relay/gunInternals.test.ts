/**
 * Each GUN internal the relay relies on (relay/gunInternals.ts, listed in
 * docs/decisions/gun-internals.md), checked on the relay's real GUN instance,
 * with a federation link to a WebSocket server on 127.0.0.1 and an inbound
 * peer as relay/wsServer.ts makes them. When a GUN upgrade changes one, the
 * failure names it: "GUN's <internal> …: GUN <version> changed its internals; see …".
 */
import type { AddressInfo } from 'node:net';
import { afterEach, it } from 'vitest';
import WebSocket, { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { createGunCore, GUN_INTERNALS_DOC, type GunCore } from '../../../relay/gunInternals';
import type { GunMsg, GunPeer } from '../../../relay/gunTypes';
import { internalCheck, until } from '../../fixtures/gunShape';

/** Fails naming the internal that changed, GUN's version and the document that lists them. */
const internal = internalCheck(GUN_INTERNALS_DOC);

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** The other end of a federation link: a WebSocket server at /gun on 127.0.0.1. */
async function otherRelay() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/gun' });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const sockets: ServerSocket[] = [];
  const heard: string[] = [];
  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.on('message', (data) => heard.push(String(data)));
  });
  cleanup.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
  cleanup.push(() => wss.clients.forEach((ws) => ws.terminate()));
  return { url: `http://127.0.0.1:${(wss.address() as AddressInfo).port}/gun`, sockets, heard };
}

/** An inbound peer as relay/wsServer.ts makes one: no id, its own socket, GUN sends through `say`. */
function inboundPeer() {
  const said: GunMsg[] = [];
  const peer: GunPeer = {
    wire: { send() {}, close() {} },
    say: (raw) => said.push(...(JSON.parse(raw.startsWith('[') ? raw : `[${raw}]`) as GunMsg[])),
  };
  return { peer, said };
}

const SOUL = 'vada/1/dppG_Uyoep5QtOzl6T97OA/486000';
const ID = 'x'.repeat(42) + 'A';

it('the intake, DAM handshake, say/hi/bye, broadcast hook, graph, HAM state and links are where the relay expects them', async () => {
  const other = await otherRelay();
  let core: GunCore | undefined;
  try {
    core = createGunCore([other.url], WebSocket);
  } catch {
    /* reported below */
  }
  internal('mesh.hear is no longer a function (or gun._.opt.mesh moved)', core !== undefined);
  if (!core) return;
  const relay = core;
  cleanup.push(() => relay.links().forEach((l) => relay.dropLink(l)));

  const frames: Array<{ raw: unknown; peer: GunPeer }> = [];
  relay.installIngress((raw, peer) => {
    frames.push({ raw, peer });
    relay.deliver(JSON.parse(String(raw)) as GunMsg, peer);
  });
  const routed: Array<{ msg: GunMsg; via: GunPeer | undefined }> = [];
  relay.route((msg, via) => routed.push({ msg, via }));
  const his: GunPeer[] = [];
  const byes: GunPeer[] = [];
  relay.onPeer('hi', (p) => his.push(p));
  relay.onPeer('bye', (p) => byes.push(p));

  // The federation link: configured at start, dialled through GUN's WebSocket adapter.
  internal('opt.peers no longer lists the configured relays by URL', relay.links().length === 1);
  const link = relay.links()[0] as GunPeer;
  relay.redial(link);
  internal(
    "mesh.wire no longer dials a link, or root event 'hi' no longer fires",
    await until(() => his.includes(link)),
  );
  internal('peer.wire is no longer the open socket of a link', relay.isOpen(link));

  // DAM `?` from the other relay: through the ingress as text, answered by GUN's handler kept on the new hear.
  other.sockets[0]?.send(JSON.stringify({ '#': 'q1', dam: '?', pid: 'other-relay' }));
  internal('WebSocket adapter no longer hands frames to mesh.hear', await until(() => frames.length > 0));
  internal('WebSocket adapter no longer hands mesh.hear the frame as text', typeof frames[0]?.raw === 'string');
  internal('mesh.hear no longer gets the link as its peer', frames[0]?.peer === link);
  internal(
    "mesh.hear['?'] no longer answers the handshake, or DAM handlers are no longer looked up on mesh.hear",
    (await until(() => other.heard.some((t) => t.includes('"@":"q1"')))) && link.pid === 'other-relay',
  );

  // mesh.say to one peer.
  relay.say({ '#': 's1', get: { '#': SOUL } }, link);
  internal('mesh.say no longer sends to one peer', await until(() => other.heard.some((t) => t.includes('"s1"'))));

  // An inbound socket: mesh.hi registers it and greets it with `?`.
  const inbound = inboundPeer();
  relay.hi(inbound.peer);
  internal('mesh.hi no longer registers an inbound peer in opt.peers', relay.peers().includes(inbound.peer));
  internal("mesh.hi no longer fires root event 'hi'", his.includes(inbound.peer));
  internal(
    "mesh.hi no longer greets a new peer with DAM '?' through peer.say",
    inbound.said.some((m) => m.dam === '?'),
  );

  // A GET the graph cannot answer: "not found" (Gun.on.get.ack), and GUN passes it on through mesh.way.
  relay.deliver({ '#': 'g1', get: { '#': SOUL } }, inbound.peer);
  internal(
    'Gun.on.get.ack no longer answers a GET without data',
    (await until(() => inbound.said.some((m) => m['@'] === 'g1'))) &&
      !inbound.said.some((m) => m['@'] === 'g1' && m.put),
  );
  internal(
    'mesh.say no longer hands broadcasts to mesh.way with their origin in msg._.via',
    routed.some((r) => (r.msg.get as { '#'?: string } | undefined)?.['#'] === SOUL && r.via === inbound.peer),
  );

  // A PUT's broadcast: GUN's text for it, made once by mesh.raw and kept on the message (pushFanout sends it).
  const other2 = 'y'.repeat(42) + 'B';
  const put = { [SOUL]: { _: { '#': SOUL, '>': { [other2]: 1_700_000_000_000 } }, [other2]: '{"v":2}' } };
  relay.deliver({ '#': 'p1', put, '><': `${String(inbound.peer.id)},zz` }, inbound.peer);
  await until(() => routed.some((r) => r.msg['#'] === 'p1'));
  const pushed = routed.find((r) => r.msg['#'] === 'p1')?.msg;
  internal("mesh.say no longer hands a PUT's broadcast to mesh.way", pushed !== undefined);
  const raw = pushed ? relay.rawOf(pushed) : undefined;
  const sent = typeof raw === 'string' ? (JSON.parse(raw) as GunMsg) : undefined;
  internal(
    'mesh.raw no longer serialises a message into msg._.raw',
    sent?.['#'] === 'p1' && JSON.stringify(sent.put) === JSON.stringify(put) && relay.rawOf(pushed!) === raw,
  );
  internal(
    "hear.one no longer keeps the peers a sender listed in '><' as msg._.yo",
    pushed !== undefined && relay.listedAsSent(pushed, inbound.peer) && !relay.listedAsSent(pushed, link),
  );

  // Stored records go into the graph with their HAM state (Gun.state.ify) and answer GETs from there.
  relay.load([{ soul: SOUL, id: ID, state: 1_700_000_000_000, wire: '{"v":1}' }]);
  relay.deliver({ '#': 'g2', get: { '#': SOUL } }, inbound.peer);
  await until(() => inbound.said.some((m) => m['@'] === 'g2'));
  const node = (
    inbound.said.find((m) => m['@'] === 'g2')?.put as Record<string, Record<string, unknown>> | undefined
  )?.[SOUL];
  internal(
    'Gun.state.ify no longer puts a value and its state on a node, or root.graph no longer answers GETs',
    node?.[ID] === '{"v":1}',
  );
  internal(
    "a node no longer keeps HAM states in _['>']",
    (node?._ as { '>'?: Record<string, number> })?.['>']?.[ID] === 1_700_000_000_000,
  );
  relay.forget([SOUL]);
  relay.deliver({ '#': 'g3', get: { '#': SOUL } }, inbound.peer);
  internal(
    'root.graph no longer holds the nodes',
    (await until(() => inbound.said.some((m) => m['@'] === 'g3'))) &&
      !inbound.said.some((m) => m['@'] === 'g3' && m.put),
  );

  // mesh.bye: GUN drops the peer and nulls its socket (ingress and acceptPut read that as "left").
  relay.bye(inbound.peer);
  internal("mesh.bye no longer fires root event 'bye'", byes.includes(inbound.peer));
  internal('mesh.bye no longer removes the peer from opt.peers', !relay.peers().includes(inbound.peer));
  internal("'bye' no longer sets peer.wire to null", inbound.peer.wire === null);

  // The other relay drops the link: GUN schedules a retry in peer.defer; redial replaces it at once.
  other.sockets[0]?.close();
  internal("root event 'bye' no longer fires when a link closes", await until(() => byes.includes(link)));
  internal('reconnect no longer keeps its timer in peer.defer', link.defer !== undefined);
  relay.redial(link);
  // Sooner than GUN's own retry (~2 s).
  internal('mesh.wire no longer redials a link at once', await until(() => other.sockets.length === 2, 1500));
  internal('a redialled link no longer opens', await until(() => relay.isOpen(link)));

  // Dropped for good: out of the table, so GUN's own reconnect skips it.
  relay.dropLink(link);
  internal('opt.peers no longer holds links by URL', !relay.peers().includes(link));
  await new Promise((r) => setTimeout(r, 2500)); // a listed link would be retried after ~2 s
  internal('reconnect no longer skips links missing from opt.peers', other.sockets.length === 2);
});
