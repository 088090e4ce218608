/**
 * The in-process API others build on (startRelay / RunningRelay): addresses,
 * stats, the stats endpoint being off by default, and close() flushing the
 * journal and releasing the port.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRelay } from '../../../relay/startRelay';
import { openRawSocket } from '../../fixtures/rawGunClient';
import * as hostile from './hostileFrames';
import { sealPoints, waitFor } from './pointRecords';

describe('startRelay', () => {
  it('reports its addresses and counters, hides /vada-stats.json unless asked, and persists on close', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vada-inproc-'));
    const relay = await startRelay({ port: 0, dataDir, app: false });
    expect(relay.url).toBe(`http://127.0.0.1:${relay.port}`);
    expect(relay.gunUrl).toBe(`${relay.url}/gun`);
    expect(relay.servingApp).toBe(false);
    expect((await fetch(`${relay.url}/vada-stats.json`)).status).toBe(404);
    const config = (await (await fetch(`${relay.url}/vada-config.json`)).json()) as Record<string, unknown>;
    expect(config).toEqual({
      tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      tileAttribution: '© OpenStreetMap contributors',
      relays: [],
      tilePacks: [],
    });

    const raw = await openRawSocket(relay.gunUrl);
    const records = await sealPoints(3);
    for (const r of records) raw.send(hostile.honestPut(r));
    raw.send('junk');
    expect(await waitFor(() => relay.stats().stored === 3 && relay.stats().refused['not-json'] === 1)).toBe(true);
    expect(relay.stats()).toMatchObject({ accepted: 3, peers: 1, federation: { configured: 0, connected: 0 } });
    raw.close();
    await relay.close();

    // The port is free again, and the records come back from the journal.
    await new Promise<void>((ok, fail) => {
      const probe = createServer().once('error', fail);
      probe.listen(relay.port, '127.0.0.1', () => probe.close(() => ok()));
    });
    const again = await startRelay({ port: 0, dataDir, app: false, exposeStats: true });
    const stats = (await (await fetch(`${again.url}/vada-stats.json`)).json()) as { replayed: number };
    expect(stats.replayed).toBe(3);
    await again.close();
  });
});
