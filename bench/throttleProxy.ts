/**
 * One phone's congested cell link, as a TCP proxy on 127.0.0.1 in front of a
 * local server: every byte up (phone → server) and down waits its turn on
 * that direction's link (a serialising token bucket: bytes / rate), then the
 * one-way delay (half the round-trip time). The link is shared by all of the
 * phone's connections (page loads, the relay's WebSocket), as a radio link
 * is. Why a proxy: Chromium's CDP network emulation limits a WebSocket's
 * throughput but adds no latency to its frames (measured by
 * bench/chokedNetwork.ts), and alerts are small frames, where latency is
 * everything.
 */
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface LinkProfile {
  /** Round-trip time added, ms (half each way). */
  rttMs: number;
  /** Server → phone, bytes per second. */
  downBytesPerS: number;
  /** Phone → server, bytes per second. */
  upBytesPerS: number;
}

/** The congested cell: 400 ms RTT, 400 kbit/s down, 150 kbit/s up. */
export const CHOKED: LinkProfile = { rttMs: 400, downBytesPerS: 400_000 / 8, upBytesPerS: 150_000 / 8 };

export interface ThrottleProxy {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  readonly port: number;
  /** Bytes carried so far, each direction. */
  bytes(): { up: number; down: number };
  close(): Promise<void>;
}

/** One direction of the link: when it is next free, shared by every connection. */
class Direction {
  private free = 0;
  carried = 0;
  constructor(
    private readonly bytesPerS: number,
    private readonly delayMs: number,
  ) {}
  /** The time (performance.now()) a chunk handed over now arrives at the other end. */
  due(bytes: number): number {
    const now = performance.now();
    this.free = Math.max(now, this.free) + (bytes / this.bytesPerS) * 1000;
    this.carried += bytes;
    return this.free + this.delayMs;
  }
}

/** Writes chunks to `to` at their due times, in order; `null` ends the socket. */
function shaped(to: Socket, dir: Direction) {
  const queue: Array<[due: number, chunk: Buffer | null]> = [];
  let timer: NodeJS.Timeout | undefined;
  const pump = () => {
    timer = undefined;
    const now = performance.now();
    while (queue.length > 0 && (queue[0] as [number, Buffer | null])[0] <= now + 0.5) {
      const [, chunk] = queue.shift() as [number, Buffer | null];
      if (to.destroyed) return;
      if (chunk === null) to.end();
      else to.write(chunk);
    }
    const head = queue[0];
    if (head) timer = setTimeout(pump, Math.max(0, head[0] - now));
  };
  return (chunk: Buffer | null) => {
    queue.push([chunk === null ? (queue.at(-1)?.[0] ?? performance.now()) : dir.due(chunk.length), chunk]);
    if (!timer) pump();
  };
}

/** Starts a proxy to 127.0.0.1:`targetPort` shaped by `profile`. */
export async function startThrottleProxy(targetPort: number, profile: LinkProfile): Promise<ThrottleProxy> {
  const up = new Direction(profile.upBytesPerS, profile.rttMs / 2);
  const down = new Direction(profile.downBytesPerS, profile.rttMs / 2);
  const sockets = new Set<Socket>();
  const server = createServer((phone) => {
    const relay = connect(targetPort, '127.0.0.1');
    for (const s of [phone, relay]) {
      s.setNoDelay(true);
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
      s.on('error', () => {
        phone.destroy();
        relay.destroy();
      });
    }
    const toRelay = shaped(relay, up);
    const toPhone = shaped(phone, down);
    phone.on('data', (d: Buffer) => toRelay(d));
    relay.on('data', (d: Buffer) => toPhone(d));
    phone.on('end', () => toRelay(null));
    relay.on('end', () => toPhone(null));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    bytes: () => ({ up: up.carried, down: down.carried }),
    close: () =>
      new Promise((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
