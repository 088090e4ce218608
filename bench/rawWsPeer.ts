/**
 * Raw WebSocket bench client: a point is one JSON text frame tagged with the
 * space id; the relay broadcasts it to every other client as is.
 */
import { WebSocket } from 'ws';
import { nowMs, type Space } from './benchTypes';
import { pointFields, type BenchPeer } from './benchPeer';
import { SYNC_REQUEST } from './rawWsRelay';

/** Opens a WebSocket to the raw relay; resolves once it is open. */
export async function rawWsPeer(url: string, space: Space): Promise<BenchPeer> {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let n = 0;
  return {
    async prepare(label) {
      const id = `${space.id}.${process.pid}.${n++}`;
      const text = JSON.stringify({ ns: space.id, id, ...pointFields(label) });
      return { id, send: () => ws.send(text) };
    },
    subscribe(onPoint, history) {
      ws.on('message', (data) => {
        // Stamped as the frame arrives, before parsing: the same point as vadaWirePeer's arrival rows.
        const at = nowMs();
        const m = JSON.parse(data.toString()) as { ns?: unknown; id?: unknown; title?: unknown };
        if (m.ns === space.id && typeof m.id === 'string' && typeof m.title === 'string') onPoint(m.id, m.title, at);
      });
      if (history) ws.send(SYNC_REQUEST);
    },
    close: async () => ws.terminate(),
  };
}
