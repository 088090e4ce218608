/**
 * Phone links over their lifetime (issue 13), in real Chromium inside a
 * private network namespace (scripts/isolatedNet.sh): links drop when a phone
 * leaves and the bar says so; re-linking is one pair of scans again and the
 * returning phone catches up on what it missed, by id; nothing about a peer
 * is kept once its links end; and a phone on a relay bridges the relay's
 * records to a phone that reaches no relay. The relay runs all along: B
 * reaches it, A and C never do (their WebSockets are closed in the browser),
 * D is a fourth device on the relay only (a context in B's browser). B's
 * page logs every data-channel frame (tests/fixtures/rtcProbe.ts), so the
 * storage test knows the nonces and circle tokens that crossed the wire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINK_CODE_MARKER, decodeLinkCode, type LinkDescription } from '../../src/protocol/linkCode';
import { toB64url } from '../../src/protocol/base64url';
import { proposePoint } from '../fixtures/e2eActions';
import { followPoint, mapAlert, raiseQuick, waitForBanner } from '../fixtures/e2eAlerts';
import {
  disconnectAll,
  linkCount,
  offRelays,
  openPhone,
  pairPhones,
  waitForLinkCount,
  type Pairing,
  type Phone,
} from '../fixtures/e2eLinks';
import { storedRecordIds } from '../fixtures/e2eOffline';
import { eventually, openPeer, type Peer } from '../fixtures/e2ePeer';
import { waitForTitle } from '../fixtures/e2ePoints';
import { relayStats, startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { rtcConnections, rtcFrames, rtcStates, WATCH_RTC } from '../fixtures/rtcProbe';
import { dumpStorage, found } from '../fixtures/storageDump';

let relay: RelayProcess;
const phones: Phone[] = [];
let a: Phone;
let b: Phone;
let c: Phone;
let d: Peer | undefined;
/** Every pairing of the file, as the QR figures held the codes. */
const pairings: Pairing[] = [];
/** The descriptions those codes carried, read when they were shown (a code expires after 5 minutes). */
const descriptions: LinkDescription[] = [];

/** Pairs two phones and keeps what the codes revealed, for the storage test. */
async function pair(offerer: Phone, answerer: Phone): Promise<void> {
  const pairing = await pairPhones(offerer, answerer);
  pairings.push(pairing);
  for (const code of [pairing.offer, pairing.answer]) {
    const desc = decodeLinkCode(code, Date.now());
    if (!desc.ok) throw new Error(`a code the app showed does not decode: ${desc.error.code}`);
    descriptions.push(desc.value);
  }
}

/** Waits until the map index shows `id` with a headline alert of `kind`. */
async function waitForMapAlert(page: Phone['page'], id: string, kind: string): Promise<void> {
  await eventually(
    async () => (await mapAlert(page, id))?.startsWith(`${kind}:`) ?? false,
    `point ${id} to carry a ${kind} alert`,
    () => mapAlert(page, id),
  );
}

/** Waits until `page` shows `n` links and returns how long that took since `since` (ms, this machine's clock). */
async function timeToCount(page: Phone['page'], n: number, since: number): Promise<number> {
  // Allows the platform's 10 s "disconnected" grace and ICE noticing first.
  await waitForLinkCount(page, n, 60_000);
  return Date.now() - since;
}

beforeAll(async () => {
  relay = await startRelayProcess({ app: true });
  a = await openPhone('A', relay.url, { beforeLoad: offRelays });
  phones.push(a);
  b = await openPhone('B', relay.url, {
    beforeLoad: async (page) => {
      await page.addInitScript({ content: WATCH_RTC });
    },
  });
  phones.push(b);
  c = await openPhone('C', relay.url, { beforeLoad: offRelays });
  phones.push(c);
  await pair(a, b);
  await pair(b, c);
});

afterAll(async () => {
  await d?.context.close();
  for (const phone of phones) await phone.close();
  await relay?.kill();
});

describe('phone links over their lifetime', () => {
  it('C’s page closes: B’s bar drops from 2 links to 1, and A → B still carries a new alert', async () => {
    // A's first point reaches C through B before C leaves.
    await proposePoint(a.page, { title: 'Before C left' });
    await waitForTitle(c.page, 'Before C left', 'active');
    expect([await linkCount(a.page), await linkCount(b.page), await linkCount(c.page)]).toEqual([1, 2, 1]);
    const since = Date.now();
    await c.page.close();
    const ms = await timeToCount(b.page, 1, since);
    console.log(`B noticed C's page closed after ${ms} ms`);
    expect(await b.page.getByTestId('connection-status').getAttribute('data-links')).toBe('1');
    expect(await linkCount(a.page)).toBe(1);

    const point = await proposePoint(a.page, { title: 'After C left' });
    await waitForTitle(b.page, 'After C left', 'active');
    await followPoint(b.page, point.id);
    await raiseQuick(a.page, point.id, 'caution');
    await waitForBanner(b.page, point.id, { kind: 'caution', trust: 'confirmed' });
  });

  it('C comes back in a new page: one pair of scans, and it catches up on what it missed, by id', async () => {
    // While C is away A makes another point and an alert on it; B has both.
    const point = await proposePoint(a.page, { title: 'While C was away' });
    await raiseQuick(a.page, point.id, 'caution');
    await waitForTitle(b.page, 'While C was away', 'active');
    await waitForMapAlert(b.page, point.id, 'caution');

    // A new page in C's context: its storage kept what C had before it left, and no link.
    await c.open();
    expect(await linkCount(c.page)).toBe(0);
    const had = new Set(await storedRecordIds(c.page));
    const onB = await storedRecordIds(b.page);
    const missed = onB.filter((id) => !had.has(id));
    expect(had.size, 'C kept the records from before it left').toBeGreaterThan(0);
    expect(missed, 'the two points and two alerts made while C was away').toHaveLength(4);

    const firstConnection = await rtcConnections(b.page);
    const framesBefore = (await rtcFrames(b.page)).length;
    await pair(b, c);
    expect([await linkCount(a.page), await linkCount(b.page), await linkCount(c.page)]).toEqual([1, 2, 1]);
    await waitForTitle(c.page, 'While C was away', 'active');
    await waitForMapAlert(c.page, point.id, 'caution');
    await waitForTitle(c.page, 'After C left', 'active');
    const stillMissing = async () => {
      const now = new Set(await storedRecordIds(c.page));
      return onB.filter((id) => !now.has(id));
    };
    await eventually(async () => (await stillMissing()).length === 0, 'C to hold every record B held', stillMissing);

    // The catch-up by id exchange: B sent C exactly the records C lacked, each once, none it already had.
    const sentToC = (await rtcFrames(b.page, framesBefore))
      .filter(([dir, , pc]) => dir === 'out' && pc >= firstConnection)
      .map(([, , , text]) => JSON.parse(text) as { t: string; r?: { id: string }[] })
      .filter((f) => f.t === 'rec')
      .flatMap((f) => (f.r ?? []).map((r) => r.id));
    expect([...sentToC].sort()).toEqual([...missed].sort());
  });

  it('relay → link: D, on the relay only, proposes; A, linked to B and off every relay, sees it through B', async () => {
    d = await openPeer(b.camera.browser, 'D', relay.url);
    const before = await relayStats(relay);
    const point = await proposePoint(d.page, { title: 'From the relay side' });
    await waitForTitle(b.page, 'From the relay side', 'active');
    await waitForTitle(a.page, 'From the relay side', 'active');
    await waitForTitle(c.page, 'From the relay side', 'active');
    expect(await storedRecordIds(a.page)).toContain(point.id);
    expect(await linkCount(d.page)).toBe(0);

    // The relay took D's point once: B did not hand it back after passing it to its links.
    await new Promise((r) => setTimeout(r, 2000));
    const after = await relayStats(relay);
    expect(after.accepted - before.accepted).toBe(1);
    expect(after.duplicates - before.duplicates).toBe(0);
    expect(after.refusedTotal).toBe(0);
  });

  it('links ended (C’s browser closes, then "Disconnect all"): B’s storage holds nothing about its peers', async () => {
    // A browser that quits does not close its connections: B sees C go silent, as when a phone walks out of range.
    const toC = (await rtcStates(b.page)).lastIndexOf('connected');
    expect(toC, 'B’s connection to C, the last it made').toBeGreaterThanOrEqual(2);
    const since = Date.now();
    await c.camera.close();
    let disconnectedMs = 0;
    await eventually(
      async () => {
        const state = (await rtcStates(b.page))[toC];
        if (state === 'disconnected' && !disconnectedMs) disconnectedMs = Date.now() - since;
        return state !== 'connected' && state !== 'disconnected';
      },
      'B’s connection to C to end',
      () => rtcStates(b.page),
      60_000,
    );
    const ms = await timeToCount(b.page, 1, since);
    console.log(
      `B noticed C's browser closed after ${ms} ms (its connection to C disconnected after ${disconnectedMs} ms)`,
    );
    await disconnectAll(b.page);
    await waitForLinkCount(a.page, 0);
    expect(await b.page.getByTestId('connection-status').getAttribute('data-links')).toBe('0');

    // What B saw of its peers: every code shown or scanned, what they carried, and what crossed the wire.
    const frames = (await rtcFrames(b.page)).map(
      ([, , , text]) => JSON.parse(text) as { t: string; n?: string; k?: string[]; c?: string },
    );
    const nonces = frames.filter((f) => f.t === 'hello').map((f) => f.n ?? '');
    const tokens = [...new Set(frames.flatMap((f) => [...(f.k ?? []), ...(f.c === undefined ? [] : [f.c])]))];
    expect(nonces.length, 'hellos B sent and received (3 links)').toBe(6);
    expect(tokens.length, 'circle tokens seen, padding included').toBeGreaterThanOrEqual(6);
    const fingerprints = descriptions.flatMap((x) => {
      const bytes = Buffer.from(x.fingerprint, 'hex');
      return [
        x.fingerprint,
        x.fingerprint.toUpperCase().replace(/..(?!$)/g, '$&:'),
        bytes.toString('base64'),
        toB64url(bytes),
        bytes.toString('latin1'),
      ];
    });
    const addresses = descriptions.flatMap((x) => x.candidates.map((cand) => cand.address));
    expect(
      addresses.some((x) => x.startsWith('10.77.0.')),
      'the codes carried the namespace address',
    ).toBe(true);
    const needles = new Map<string, readonly string[]>([
      ['link codes', pairings.flatMap((p) => [p.offer, p.answer])],
      ['base45 payloads', pairings.flatMap((p) => [p.offer, p.answer].map((x) => x.slice(LINK_CODE_MARKER.length)))],
      ['host addresses', [...addresses, '10.77.0.', 'fd77:']],
      ['DTLS fingerprints', fingerprints],
      ['ICE passwords', descriptions.map((x) => x.pwd)],
      ['link session ids', descriptions.map((x) => x.session)],
      ['hello nonces', nonces],
      ['circle tokens', tokens],
    ]);

    await new Promise((r) => setTimeout(r, 1000)); // any write still queued lands first
    const dump = await dumpStorage(b.page);
    const stores = dump.map((s) => s.store);
    expect(stores).toEqual(expect.arrayContaining(['idb vada/records', 'localStorage', 'opfs']));
    expect(stores.some((s) => s.startsWith('cache '))).toBe(true);
    const text = dump.map((s) => s.text).join('\n');
    // The dump does hold what B keeps on purpose: every record it received over links and from the relay.
    const kept = await storedRecordIds(b.page);
    expect(kept.length, 'three points and two alerts from A, a point from D').toBeGreaterThanOrEqual(6);
    for (const id of kept) expect(text).toContain(id);
    expect(found(text, needles)).toEqual([]);

    // And the search finds a peer's code where one is kept: D's own storage, given one on purpose.
    const [offer] = pairings.map((p) => p.offer);
    await d?.page.evaluate((code) => localStorage.setItem('planted', code), offer ?? '');
    const planted = (await dumpStorage(d?.page ?? b.page)).map((s) => s.text).join('\n');
    expect(found(planted, needles)).toEqual(['link codes', 'base45 payloads']);
    expect([...a.errors, ...b.errors, ...c.errors]).toEqual([]);
  });
});
