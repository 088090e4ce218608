/**
 * Links to other relays (`--peer`). GUN's own WebSocket adapter dials them;
 * this module gives it a socket class that refuses frames over 64 KB from the
 * other relay and keeps our frames under it, dials at start (GUN would wait
 * for a first outgoing message), redials for as long as the relay runs, and
 * closes the links for good on shutdown.
 */
import WebSocket from 'ws';
import { FRAME_BYTES, fitFrames } from './fitFrames';
import type { GunCore } from './gunInternals';
import type { StatsCounter } from './relayStats';

/** A `ws` client class for GUN's adapter, with the relay's frame cap both ways. */
export function cappedWebSocket(stats: StatsCounter): typeof WebSocket {
  return class CappedWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, { maxPayload: FRAME_BYTES, perMessageDeflate: false });
      this.on('error', (e: Error & { code?: string }) => {
        if (e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') stats.refuse('frame-too-large');
      });
    }

    override send(data: unknown, ...rest: unknown[]): void {
      if (typeof data !== 'string') return;
      for (const frame of fitFrames(data)) super.send(frame, ...(rest as []));
    }
  } as unknown as typeof WebSocket;
}

/** Links whose socket is open now. */
export function connectedLinks(core: GunCore): number {
  return core.links().filter((p) => core.isOpen(p)).length;
}

export interface LinkSupervisor {
  /** Closes every link for good. */
  close(): void;
}

const REDIAL_MS = 2000;

/**
 * Dials every configured relay now and keeps redialling. GUN alone gives up:
 * its `bye` removes the link from its peer list, and its redial timer only
 * retries listed peers, so a relay down for more than one retry (a restart)
 * was never dialled again.
 */
export function superviseLinks(core: GunCore): LinkSupervisor {
  const dial = () => core.links().forEach((peer) => core.redial(peer));
  dial();
  const timer = setInterval(dial, REDIAL_MS);
  timer.unref();
  return {
    close() {
      clearInterval(timer);
      core.links().forEach((peer) => core.dropLink(peer));
    },
  };
}
