/**
 * Phone links end to end (issue 13), in real Chromium, inside a private
 * network namespace (scripts/isolatedNet.sh): every phone is its own browser
 * with its own fake camera. The relay serves the app, then stops; A and C
 * never reach a relay (their WebSockets are refused in the browser;
 * Playwright's offline emulation cannot be used: in Chromium it also stops
 * WebRTC, measured). A and B pair through the in-app scanner, each reading
 * the other's code off its camera. A's point and its dispersal reach B over
 * the link, and a third phone C linked only to B gets them through B. A
 * hostile "phone" (a plain page with a raw data channel, linked to B
 * through B's scanner) sends a forged record, an oversized frame and a flood:
 * B cuts it each time and says so, while A → B keeps working. Last the relay
 * comes back and only B goes online: the relay gets A's records, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/domain/limits';
import { LINK_CODE_MARKER } from '../../src/protocol/linkCode';
import { encodeLinkFrame } from '../../src/protocol/linkWire';
import { axeViolations, describeFindings } from '../fixtures/axe';
import { closeSheet } from '../fixtures/e2eActions';
import { proposePoint } from '../fixtures/e2eActions';
import { followPoint, raiseDisperse, raiseQuick, recordsIn, waitForBanner } from '../fixtures/e2eAlerts';
import { makeForgeries } from '../fixtures/e2eForgeries';
import {
  joinOffer,
  linkCount,
  offRelays,
  openLinkSheet,
  openPhone,
  pairPhones,
  startOffer,
  waitForLinkCount,
  waitForLinkState,
  scanAnswer,
  type Phone,
} from '../fixtures/e2eLinks';
import { storedRecordIds } from '../fixtures/e2eOffline';
import { eventually, WAIT_MS } from '../fixtures/e2ePeer';
import { mapPoints, waitForState, waitForTitle } from '../fixtures/e2ePoints';
import { waitForWorkerControl } from '../fixtures/e2eServiceWorker';
import { hostileOffer, recFrame, type HostilePeer } from '../fixtures/hostileLinkPeer';
import { makeFixture, sealPoint } from '../fixtures/records';
import { relayStats, startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

let relay: RelayProcess;
const phones: Phone[] = [];
const hostiles: HostilePeer[] = [];
let a: Phone;
let b: Phone;
let c: Phone;
let pointId = '';

beforeAll(async () => {
  relay = await startRelayProcess({ app: true });
  for (const name of ['A', 'B', 'C']) {
    const phone = await openPhone(name, relay.url, {
      // A and C never reach a relay: every WebSocket they open is closed before it leaves the browser.
      beforeLoad: name === 'B' ? undefined : offRelays,
    });
    phones.push(phone);
    // As on a phone that opened Vada once online: the worker has precached the app, the scanner's decoder included.
    await waitForWorkerControl(phone.page);
  }
  [a, b, c] = phones as [Phone, Phone, Phone];
  await relay.stop();
});

afterAll(async () => {
  for (const hostile of hostiles) await hostile.close();
  for (const phone of phones) await phone.close();
  await relay?.kill();
});

/** B links to a hostile page through its scanner and lets it say hello; resolves with it and the open circle's tokens. */
async function linkHostile(): Promise<{ hostile: HostilePeer; tokens: { mine: string; theirs: string } }> {
  const before = await linkCount(b.page);
  const hostile = await hostileOffer();
  const answer = await joinOffer(b, hostile.offerCode);
  await hostile.accept(answer);
  await waitForLinkState(b.page, 'linked');
  await waitForLinkCount(b.page, before + 1);
  hostiles.push(hostile);
  const tokens = await hostile.handshake();
  // B took the handshake: it offers the hostile page what it holds in the open circle, under its own token.
  await eventually(
    async () => (await hostile.frames()).some((f) => (f as { t?: string; c?: string }).c === tokens.theirs),
    'B to offer the linked page its open-circle records',
    () => hostile.frames(),
  );
  expect(await hostile.closed()).toBe(false);
  return { hostile, tokens };
}

/** Waits until B has cut the hostile link: its channel closed, B's bar back to `count`, B saying so. */
async function expectCut(hostile: HostilePeer, count: number): Promise<void> {
  await eventually(
    () => hostile.closed(),
    'B to close the hostile link',
    () => hostile.raw.state(),
  );
  await waitForLinkCount(b.page, count);
  await openLinkSheet(b.page);
  const note = b.page.getByTestId('link-cut');
  await note.waitFor({ timeout: WAIT_MS });
  expect(await note.getAttribute('role')).toBe('status');
  expect((await note.textContent())?.length).toBeGreaterThan(0);
  await b.page.getByTestId('link-cut-dismiss').click();
  await note.waitFor({ state: 'detached', timeout: WAIT_MS });
  await closeSheet(b.page);
}

describe('phone links', () => {
  it('A and B pair through the in-app scanner with the relay gone; the link sheet passes axe', async () => {
    expect(await linkCount(a.page)).toBe(0);
    const offer = await startOffer(a.page);
    expect(offer.startsWith(LINK_CODE_MARKER)).toBe(true);
    expect(offer.length).toBeLessThanOrEqual(300);
    expect(describeFindings(await axeViolations(a.page, '[data-testid=link-sheet]'))).toEqual([]);

    const answer = await joinOffer(b, offer);
    expect(answer.startsWith(LINK_CODE_MARKER)).toBe(true);
    expect(answer).not.toBe(offer);
    expect(describeFindings(await axeViolations(b.page, '[data-testid=link-sheet]'))).toEqual([]);

    await scanAnswer(a, answer);
    await Promise.all([waitForLinkState(a.page, 'linked', 60_000), waitForLinkState(b.page, 'linked', 60_000)]);
    expect(describeFindings(await axeViolations(a.page, '[data-testid=link-sheet]'))).toEqual([]);
    await closeSheet(a.page);
    await closeSheet(b.page);
    await Promise.all([waitForLinkCount(a.page, 1), waitForLinkCount(b.page, 1)]);
    expect(await a.page.getByTestId('connection-status').getAttribute('data-links')).toBe('1');
    expect(await b.page.getByTestId('connection-status').getAttribute('data-links')).toBe('1');
    expect(await c.page.getByTestId('connection-status').getAttribute('data-links')).toBe('0');
  });

  it('A proposes: B sees the point over the link; C, linked only to B, gets it through B', async () => {
    const point = await proposePoint(a.page, { title: 'Linked square' });
    pointId = point.id;
    await waitForTitle(b.page, 'Linked square', 'active');
    await followPoint(b.page, pointId);

    await pairPhones(b, c);
    expect([await linkCount(a.page), await linkCount(b.page), await linkCount(c.page)]).toEqual([1, 2, 1]);
    await waitForTitle(c.page, 'Linked square', 'active');
    await followPoint(c.page, pointId);
  });

  it('A disperses: B gets the banner over the link and C through B', async () => {
    expect(pointId, 'needs the point from the test before').not.toBe('');
    await raiseDisperse(a.page, pointId, { reason: 'police' });
    for (const phone of [b, c]) {
      await waitForBanner(phone.page, pointId, { kind: 'disperse', trust: 'confirmed' });
      await waitForState(phone.page, pointId, 'dispersed');
    }
  });

  it('a linked page sending a forged record is cut off, B says so and keeps nothing of it', async () => {
    const { hostile, tokens } = await linkHostile();
    const fixture = await makeFixture();
    const genuine = await sealPoint(fixture, 'Genuine by mallory', fixture.mallory);
    const forged = (await makeForgeries(fixture, genuine.wire)).find((f) => f.label === 'tampered, its own content id');
    if (!forged || typeof forged.value !== 'string') throw new Error('no tampered forgery');
    await hostile.send([recFrame(tokens.mine, forged.key, forged.value)]);
    await expectCut(hostile, 2);
    expect(await storedRecordIds(b.page)).not.toContain(forged.key);
    expect((await mapPoints(b.page)).map((p) => p.title).join()).not.toContain('FORGED');
    // All B ever sent it: frames of the one circle it proved (the open one), nothing else.
    const circles = (await hostile.frames()).map((f) => (f as { c?: string }).c).filter((c) => c !== undefined);
    expect(new Set(circles)).toEqual(new Set([tokens.theirs]));
  });

  it('a linked page sending a frame over the cap is cut off', async () => {
    const { hostile } = await linkHostile();
    const oversized = encodeLinkFrame({ t: 'ping' }).replace('}', `,"x":"${'a'.repeat(LIMITS.frameBytes)}"}`);
    await hostile.send([oversized]);
    await expectCut(hostile, 2);
  });

  it('a linked page flooding frames is cut off', async () => {
    const { hostile } = await linkHostile();
    await hostile.send(Array.from({ length: 1000 }, () => encodeLinkFrame({ t: 'ping' })));
    await expectCut(hostile, 2);
  });

  it('A → B keeps working after the cuts: a new point and its alert arrive', async () => {
    expect([await linkCount(a.page), await linkCount(b.page), await linkCount(c.page)]).toEqual([1, 2, 1]);
    const point = await proposePoint(a.page, { title: 'After the storm' });
    await waitForTitle(b.page, 'After the storm', 'active');
    await followPoint(b.page, point.id);
    await raiseQuick(a.page, point.id, 'caution');
    await waitForBanner(b.page, point.id, { kind: 'caution', trust: 'confirmed' });
    await waitForTitle(c.page, 'After the storm', 'active');
  });

  it('the relay comes back and only B goes online: the relay gets A’s records, once', async () => {
    const fromA = await storedRecordIds(a.page);
    expect(fromA.length).toBeGreaterThanOrEqual(4);
    const onB = await storedRecordIds(b.page);
    for (const id of fromA) expect(onB).toContain(id);

    // Every PUT B sends the relay, by record id: what "once" is about on the wire.
    const sent: string[] = [];
    b.page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
    await relay.restart();
    await eventually(
      async () => (await relayStats(relay)).accepted >= fromA.length,
      `the relay to accept A's ${fromA.length} records from B`,
      () => relayStats(relay),
      60_000,
    );
    // Give a second copy time to show up, if one were coming.
    await new Promise((r) => setTimeout(r, 3000));
    const stats = await relayStats(relay);
    const puts = [...recordsIn(sent).keys()];
    const perId = fromA.map((id) => sent.filter((f) => f.includes(id)).length);
    expect(perId, "PUT frames B sent carrying each of A's records").toEqual(fromA.map(() => 1));
    expect(puts).toHaveLength(fromA.length);
    expect(stats.accepted).toBe(fromA.length);
    expect(stats.duplicates).toBe(0);
    expect(stats.refusedTotal).toBe(0);
    expect(stats.stored).toBe(fromA.length);
    expect([...a.errors, ...b.errors, ...c.errors]).toEqual([]);
  });
});
