/**
 * The floor: a minimal `ws` broadcast relay. Every text frame goes to every
 * other open client unparsed, and is kept in memory so that a client sending
 * the single frame `sync` gets the whole history (for the fresh-client sync).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

/** The text frame that asks for the stored history. */
export const SYNC_REQUEST = 'sync';

export interface RawWsRelay {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the broadcast relay on host:port (0 = any free port). */
export async function startRawWsRelay(host: string, port = 0): Promise<RawWsRelay> {
  const server = createServer();
  const wss = new WebSocketServer({ server, maxPayload: 64 * 1024 });
  const history: RawData[] = [];
  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      if (!isBinary && data.toString() === SYNC_REQUEST) {
        for (const m of history) ws.send(m, { binary: false });
        return;
      }
      history.push(data);
      for (const c of wss.clients) if (c !== ws && c.readyState === WebSocket.OPEN) c.send(data, { binary: isBinary });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `ws://${host}:${bound}`,
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}
