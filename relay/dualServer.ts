/**
 * One port, two protocols: with TLS on, the relay listens with a plain TCP
 * server and looks at the first byte of each connection. 0x16 (a TLS
 * handshake record) goes to the HTTPS server, anything else to the HTTP one.
 * So a phone that typed http://ip:port gets the app, which explains which
 * https:// address to open, and loopback users and http --peer links keep
 * working on the same port. Without TLS it is the plain HTTP server alone.
 */
import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';

export interface DualServer {
  /** Plain HTTP requests and ws:// upgrades. */
  readonly http: HttpServer;
  /** HTTPS requests and wss:// upgrades; undefined without TLS. */
  readonly https?: HttpsServer;
  /** Starts listening; resolves with the port. */
  listen(port: number, host: string): Promise<number>;
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>;
}

/** First byte of a TLS handshake record (ClientHello). */
const TLS_HANDSHAKE = 0x16;
/** A connection that sends nothing for this long is closed before it is handed to either server. */
const FIRST_BYTE_MS = 10_000;

function listenOn(server: NetServer, port: number, host: string): Promise<number> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok((server.address() as { port: number }).port);
    });
  });
}

/** The HTTP server alone, or (with `tls`) HTTP and HTTPS behind one port. */
export function createDualServer(handler: RequestListener, tls?: { key: string; cert: string }): DualServer {
  const http = createHttpServer(handler);
  if (!tls) {
    return {
      http,
      listen: (port, host) => listenOn(http, port, host),
      close() {
        const closed = new Promise<void>((r) => http.close(() => r()));
        http.closeAllConnections();
        return closed;
      },
    };
  }
  const https = createHttpsServer({ key: tls.key, cert: tls.cert }, handler);
  const waiting = new Set<Socket>();
  const dispatch = (socket: Socket) => {
    waiting.add(socket);
    socket.once('close', () => waiting.delete(socket));
    const fail = () => socket.destroy();
    socket.once('error', fail);
    socket.setTimeout(FIRST_BYTE_MS, fail);
    socket.once('readable', () => {
      waiting.delete(socket);
      socket.setTimeout(0);
      socket.off('error', fail);
      const first: Buffer | null = socket.read(1);
      if (first === null) return socket.destroy();
      // Put the byte back: the server that gets the socket reads the whole stream from its start.
      socket.unshift(first);
      (first[0] === TLS_HANDSHAKE ? https : http).emit('connection', socket);
    });
  };
  const tcp = createNetServer({ pauseOnConnect: false }, dispatch);
  return {
    http,
    https,
    async listen(port, host) {
      const bound = await listenOn(tcp, port, host);
      // The HTTP servers never listen themselves: this starts their header and request timeouts.
      http.emit('listening');
      https.emit('listening');
      return bound;
    },
    close() {
      const closed = new Promise<void>((r) => tcp.close(() => r()));
      for (const s of waiting) s.destroy();
      for (const s of [http, https]) {
        s.closeAllConnections();
        // Clears the timeout checks; they were never listening, so there is nothing else to close.
        s.close();
      }
      return closed;
    },
  };
}
