/**
 * Vada's own WebSocket endpoint at /gun. Frames over 64 KB are refused by `ws`
 * from their header, before the payload is read: the connection is closed with
 * 1009 and an empty reason (protocol §11.2). Nothing in such a frame can be
 * answered, since its message ids are never read, and closing stops the
 * transfer at once where skipping would still receive every byte. Compression is off
 * (no decompression bombs). Each socket becomes a GUN mesh peer whose frames go
 * through the ingress filter and whose outgoing frames are kept under the cap.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { FRAME_BYTES, fitFrames } from './fitFrames';
import type { GunCore } from './gunInternals';
import type { GunPeer, PeerWire } from './gunTypes';
import { RELAY_LIMITS } from './relayLimits';
import type { StatsCounter } from './relayStats';

export interface WsServerDeps {
  /** GUN's side of a socket opening and closing. */
  readonly mesh: Pick<GunCore, 'hi' | 'bye'>;
  readonly hear: (raw: unknown, peer: GunPeer) => void;
  readonly stats: StatsCounter;
  /** Most sockets held at once. */
  readonly maxPeers?: number;
}

export interface WsEndpoint {
  /** Inbound sockets open now. */
  count(): number;
  close(): void;
}

/** A reader this far behind is dropped rather than buffered without bound. */
const MAX_BUFFERED = RELAY_LIMITS.sendBufferBytes;
const HEARTBEAT_MS = RELAY_LIMITS.pingEveryMs;

/** Serves /gun on every server given (plain ws:// and, with TLS, wss:// on the same port). */
export function attachWsServer(servers: readonly (Server | HttpsServer)[], deps: WsServerDeps): WsEndpoint {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: FRAME_BYTES,
    perMessageDeflate: false,
  });
  const alive = new WeakSet<WebSocket>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/gun' || wss.clients.size >= (deps.maxPeers ?? RELAY_LIMITS.maxSockets)) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  for (const server of servers) server.on('upgrade', onUpgrade);

  wss.on('connection', (ws: WebSocket) => {
    alive.add(ws);
    /** False when the socket cannot take a frame now; a reader too far behind is dropped. */
    const writable = () => {
      if (ws.readyState !== ws.OPEN) return false;
      if (ws.bufferedAmount <= MAX_BUFFERED) return true;
      ws.terminate();
      return false;
    };
    const peer: GunPeer = {
      wire: ws as unknown as PeerWire,
      say(raw) {
        if (writable()) for (const frame of fitFrames(raw)) ws.send(frame);
      },
      sendFrame(frame) {
        // A text frame, encoded once for every peer it goes to (relay/pushFanout.ts).
        if (writable()) ws.send(frame, { binary: false });
      },
    };
    ws.on('message', (data: Buffer, isBinary: boolean) => deps.hear(isBinary ? data : data.toString('utf8'), peer));
    ws.on('pong', () => alive.add(ws));
    ws.on('error', (e: Error & { code?: string }) => {
      deps.stats.refuse(e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'frame-too-large' : 'bad-frame');
    });
    ws.on('close', () => deps.mesh.bye(peer));
    deps.mesh.hi(peer);
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    count: () => wss.clients.size,
    close() {
      clearInterval(heartbeat);
      for (const server of servers) server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
