/**
 * The record journal across crashes and time: a torn last line (crash in the
 * middle of a write) costs only that line, and hour buckets older than the
 * retention are deleted at start, from memory and from the file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sealed } from '../../../src/protocol/sealRecord';
import { makeGunClient, type GunClient } from '../../fixtures/rawGunClient';
import { relayStats, startRelayProcess, type RelayProcess } from '../../fixtures/relayProcess';
import { publishAll, receiveValid, sealPoints, soulFor } from './pointRecords';

let relay: RelayProcess | undefined;
const clients: GunClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await relay?.kill();
});

const line = (r: Sealed) => JSON.stringify({ s: soulFor(r), i: r.id, h: r.envelope.t, w: r.wire }) + '\n';

describe('relay journal', () => {
  it('skips a torn last line and keeps everything before and after it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vada-journal-'));
    const kept = await sealPoints(3);
    const torn = line((await sealPoints(1))[0]!);
    writeFileSync(join(dataDir, 'records.jsonl'), kept.map(line).join('') + torn.slice(0, torn.length / 2));
    relay = await startRelayProcess({ dataDir });
    expect((await relayStats(relay)).replayed).toBe(3);

    const more = await sealPoints(2);
    const writer = makeGunClient(relay.gunUrl);
    clients.push(writer);
    await publishAll(writer, more);
    await relay.restart();
    const reader = makeGunClient(relay.gunUrl);
    clients.push(reader);
    const ids = [...kept, ...more].map((r) => r.id as string);
    const got = await receiveValid(reader, [soulFor(kept[0]!), soulFor(more[0]!)], ids, 10_000);
    expect([...got].sort()).toEqual([...ids].sort());
    expect((await relayStats(relay)).replayed).toBe(5);
  });

  it('deletes hour buckets older than 32 h at start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vada-journal-'));
    const old = await sealPoints(2, Date.now() - 34 * 3_600_000);
    const fresh = await sealPoints(2);
    writeFileSync(join(dataDir, 'records.jsonl'), [...old, ...fresh].map(line).join(''));
    relay = await startRelayProcess({ dataDir });
    expect((await relayStats(relay)).stored).toBe(2);
    const file = readFileSync(join(dataDir, 'records.jsonl'), 'utf8');
    for (const r of old) expect(file).not.toContain(r.id);
    for (const r of fresh) expect(file).toContain(r.id);
  });
});
