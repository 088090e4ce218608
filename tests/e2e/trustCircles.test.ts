/**
 * Private circles on one real relay, four devices' worth of evidence:
 * A creates the circle "Affinity" and proposes a point in it; B joins by
 * opening the invite link in a new tab, and the key leaves the address bar
 * and every history entry before B even says yes; B then sees A's point. A
 * link cut short is stripped as well, and the app says why it failed.
 * C, on the same relay without the invite, sees nothing of it; a raw socket
 * that asks the relay for the circle's node gets only ciphertext; and neither
 * the relay's files nor any WebSocket frame holds the title, the circle's
 * name or its key.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketOf } from '../../src/domain/bucket';
import type { CircleId } from '../../src/domain/brand';
import { OPEN_CIRCLE_KEY_HEX } from '../../src/protocol/circle';
import { soulOf } from '../../src/protocol/souls';
import { launchChromium } from '../fixtures/browser';
import { proposePoint } from '../fixtures/e2eActions';
import {
  acceptJoin,
  circleOfPoint,
  createCircle,
  decodeInvite,
  historyUrls,
  inviteLinkOf,
  openInviteTab,
  proposeIn,
} from '../fixtures/e2eCircles';
import { quietGun } from '../fixtures/e2eForgeries';
import { askRelayFor, envelopeOf, filesUnder, journalWires, recordAllFrames, tryOpen } from '../fixtures/e2eLeaks';
import { openPeer, PHONE, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { mapPoints, waitForTitle } from '../fixtures/e2ePoints';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

const NAME = 'Affinity';
const TITLE = 'Kitchen steps qx7';
const PUBLIC_TITLE = 'Open square for all';
/** The open circle's public key (protocol.md §5), base64url. */
const OPEN_KEY_B64 = Buffer.from(OPEN_CIRCLE_KEY_HEX, 'hex').toString('base64url');

let relay: RelayProcess;
let browser: Browser;
let a: Peer;
let c: Peer;
let bContext: BrowserContext;
let bPage: Page;
const frames: Record<'a' | 'b' | 'c', ReturnType<typeof recordAllFrames>> = {} as never;
const errors: string[] = [];

let circleId = '';
let link = '';
let pointId = '';

beforeAll(async () => {
  quietGun();
  [relay, browser] = await Promise.all([startRelayProcess({ app: true }), launchChromium()]);
  [a, c] = await Promise.all([
    openPeer(browser, 'A', relay.url, { beforeLoad: (p) => void (frames.a = recordAllFrames(p)) }),
    openPeer(browser, 'C', relay.url, { beforeLoad: (p) => void (frames.c = recordAllFrames(p)) }),
  ]);
  bContext = await browser.newContext({ ...PHONE });
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
});

describe('a circle joined by invite link', () => {
  it('A creates "Affinity"; its link carries the key in the fragment only', async () => {
    const row = await createCircle(a.page, NAME);
    circleId = row.id;
    link = await inviteLinkOf(a.page, circleId);
    const url = new URL(link);
    expect(url.origin).toBe(new URL(relay.url).origin);
    expect(url.pathname + url.search).toBe('/');
    const invite = decodeInvite(link);
    expect(invite).toMatchObject({ v: 1, id: circleId, name: NAME });
    expect(invite.key).toMatch(/^[A-Za-z0-9_-]{43}$/);

    pointId = (await proposeIn(a.page, TITLE, circleId)).id;
    expect(await circleOfPoint(a.page, pointId)).toBe(circleId);
    await proposePoint(a.page, { title: PUBLIC_TITLE });
  });

  it('B opens the link: the dialog names the circle, the fragment is gone from the address bar and history', async () => {
    expect(link, 'needs the link from the first test').not.toBe('');
    const before = `${relay.url}/manifest.webmanifest`;
    let historyBefore = 0;
    bPage = await openInviteTab(bContext, before, link, {
      beforeLoad: (p) => {
        frames.b = recordAllFrames(p);
        p.on('pageerror', (e) => errors.push(`B: ${e.message}`));
      },
      onFirstPage: async (p) => void (historyBefore = await p.evaluate(() => history.length)),
    });
    expect(await bPage.getByTestId('join-dialog').textContent()).toContain(NAME);

    const key = decodeInvite(link).key;
    const seen = await bPage.evaluate(() => ({ hash: location.hash, href: location.href, length: history.length }));
    expect(seen).toEqual({ hash: '', href: `${new URL(relay.url).origin}/`, length: historyBefore + 1 });
    // Every entry of the tab (the new tab's first about:blank aside): the page before, then the app without fragment.
    const entries = (await historyUrls(bContext, bPage)).filter((u) => u !== 'about:blank');
    expect(entries).toEqual([before, `${new URL(relay.url).origin}/`]);
    expect(entries.join(' ')).not.toContain(key);

    await acceptJoin(bPage);
    const shown = await waitForTitle(bPage, TITLE);
    expect(shown.id).toBe(pointId);
    expect(await circleOfPoint(bPage, pointId)).toBe(circleId);
  });

  it('going back and forward never brings the fragment back', async () => {
    expect(bPage, 'needs B from the previous test').toBeDefined();
    await bPage.goBack({ waitUntil: 'load' });
    expect(bPage.url()).toBe(`${relay.url}/manifest.webmanifest`);
    await bPage.goForward({ waitUntil: 'load' });
    await bPage.getByTestId('connection-status').waitFor({ timeout: WAIT_MS });
    const seen = await bPage.evaluate(() => ({ hash: location.hash, href: location.href }));
    expect(seen).toEqual({ hash: '', href: `${new URL(relay.url).origin}/` });
    expect(await bPage.getByTestId('join-dialog').count()).toBe(0);
    expect((await historyUrls(bContext, bPage)).join(' ')).not.toContain('#join=');
    // Still a member after the reload: the point is still shown.
    await waitForTitle(bPage, TITLE);
  });

  it('a link cut short is stripped too, and the app says it is damaged and why', async () => {
    expect(link, 'needs the invite link').not.toBe('');
    const context = await browser.newContext({ ...PHONE });
    try {
      const page = await context.newPage();
      const cut = link.slice(0, link.indexOf('#join=') + 40);
      await page.goto(cut, { waitUntil: 'load' });
      const notice = page.getByTestId('invite-refused');
      await notice.waitFor({ timeout: WAIT_MS });
      expect(await notice.textContent()).toContain('This invite link is damaged or incomplete — ask for a new one.');
      expect(await page.getByTestId('invite-refused-reason').textContent()).toBe(
        'It is not a Vada invite, or only part of one was copied.',
      );
      expect(await page.getByTestId('join-dialog').count()).toBe(0);
      expect(await page.evaluate(() => location.hash)).toBe('');
      expect((await historyUrls(context, page)).join(' ')).not.toContain('#join=');
      await page.getByTestId('invite-refused-dismiss').click();
      expect(await page.getByTestId('invite-refused').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});

describe('an outsider on the same relay', () => {
  it('C sees the public point but nothing of the circle', async () => {
    expect(pointId, 'needs the circle point').not.toBe('');
    await waitForTitle(c.page, PUBLIC_TITLE);
    // By now B (same relay) has long received the circle point; give C the same chance.
    await new Promise((r) => setTimeout(r, 1000));
    const shown = await mapPoints(c.page);
    expect(shown.map((p) => p.title)).not.toContain(TITLE);
    expect(shown.map((p) => p.id)).not.toContain(pointId);
    expect(await c.page.locator(`[data-testid=map-index] [data-circle="${circleId}"]`).count()).toBe(0);
    const text = await c.page.evaluate(() => document.body.innerText);
    expect(text).not.toContain(TITLE);
    expect(text).not.toContain(NAME);
  });

  it('a socket that asks the relay for the circle’s node gets only ciphertext it cannot open', async () => {
    const invite = decodeInvite(link);
    const got = await askRelayFor(relay.gunUrl, soulOf(circleId as CircleId, bucketOf(Date.now())));
    expect(got.has(pointId), `the relay answers the node with the point (${[...got.keys()].join(',')})`).toBe(true);
    for (const [id, wire] of got) {
      const e = envelopeOf(wire);
      expect(e.c).toBe(circleId);
      expect(wire).not.toContain(TITLE);
      expect(wire).not.toContain(NAME);
      expect(wire).not.toContain(invite.key);
      // Only the circle's key opens it: the outsider's open-circle key does not.
      expect(await tryOpen(e, OPEN_KEY_B64), id).toBeUndefined();
      if (id === pointId) expect(await tryOpen(e, invite.key)).toContain(TITLE);
    }
  });

  it('no frame, relay file or relay log line holds the title, the circle name or its key', async () => {
    const invite = decodeInvite(link);
    const secrets = [TITLE, NAME, invite.key];
    const journal = journalWires(relay.dataDir);
    expect(
      journal.some((w) => envelopeOf(w).c === circleId),
      'the relay journaled the circle’s records',
    ).toBe(true);
    const files = filesUnder(relay.dataDir);
    expect(files.length).toBeGreaterThan(0);
    // The public point is in the journal as ciphertext too: its title must not show either.
    for (const f of files) for (const s of [...secrets, PUBLIC_TITLE]) expect(f.text, f.path).not.toContain(s);
    for (const s of secrets) expect(relay.output()).not.toContain(s);

    expect(
      frames.a.sent.some((f) => f.includes(`vada/1/${circleId}/`)),
      'A sent the circle’s records',
    ).toBe(true);
    expect(
      frames.b.received.some((f) => f.includes(`vada/1/${circleId}/`)),
      'B received them',
    ).toBe(true);
    for (const [who, f] of Object.entries(frames))
      for (const frame of [...f.sent, ...f.received])
        for (const s of secrets) expect(frame.includes(s), `${who}'s frame holds ${s}`).toBe(false);
    expect(
      frames.c.received.some((f) => f.includes(circleId)),
      'C was never sent anything of the circle',
    ).toBe(false);
    expect([...a.errors, ...c.errors, ...errors]).toEqual([]);
  });
});
