/**
 * Re-keying a circle on one real relay: A creates "Affinity", B joins by
 * link and sees A's first point. A's phone might be in the wrong hands, so
 * A re-keys: a new circle (new id, new key, same name) replaces the old one,
 * and nothing more is written in the old one. B keeps only the old key (never
 * opens the new invite); D opens the new invite. A's next point reaches D and
 * never B, and the old key cannot open it even with the record in hand.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import {
  acceptJoin,
  circleOfPoint,
  createCircle,
  decodeInvite,
  inviteLinkOf,
  openInviteTab,
  proposeIn,
  rekeyCircle,
} from '../fixtures/e2eCircles';
import { envelopeOf, journalWires, recordAllFrames, tryOpen } from '../fixtures/e2eLeaks';
import { openPeer, PHONE, type Peer } from '../fixtures/e2ePeer';
import { mapPoints, waitForTitle } from '../fixtures/e2ePoints';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

const NAME = 'Affinity';
const OLD_TITLE = 'Before the seizure';
const NEW_TITLE = 'After the rekey zq4';

let relay: RelayProcess;
let browser: Browser;
let a: Peer;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

async function member(link: string, name: string): Promise<{ page: Page; frames: ReturnType<typeof recordAllFrames> }> {
  const context = await browser.newContext({ ...PHONE });
  contexts.push(context);
  let frames = undefined as unknown as ReturnType<typeof recordAllFrames>;
  const page = await openInviteTab(context, `${relay.url}/manifest.webmanifest`, link, {
    beforeLoad: (p) => {
      frames = recordAllFrames(p);
      p.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
    },
  });
  await acceptJoin(page);
  return { page, frames };
}

beforeAll(async () => {
  [relay, browser] = await Promise.all([startRelayProcess({ app: true }), launchChromium()]);
  a = await openPeer(browser, 'A', relay.url);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
});

describe('re-key', () => {
  it('locks the old key out of new records: D (new invite) sees the new point, B (old key) never does', async () => {
    const old = await createCircle(a.page, NAME);
    const oldLink = await inviteLinkOf(a.page, old.id);
    const oldPoint = await proposeIn(a.page, OLD_TITLE, old.id);
    const b = await member(oldLink, 'B');
    await waitForTitle(b.page, OLD_TITLE);
    const oldRecords = () => journalWires(relay.dataDir).filter((w) => envelopeOf(w).c === old.id).length;
    const oldBefore = oldRecords();
    expect(oldBefore).toBeGreaterThan(0);

    const fresh = await rekeyCircle(a.page, old.id, NAME);
    expect(fresh.id).not.toBe(old.id);
    const newLink = await inviteLinkOf(a.page, fresh.id);
    const oldInvite = decodeInvite(oldLink);
    const newInvite = decodeInvite(newLink);
    expect(newInvite).toMatchObject({ v: 1, id: fresh.id, name: NAME, replaces: old.id });
    expect(newInvite.key).not.toBe(oldInvite.key);

    const newPoint = await proposeIn(a.page, NEW_TITLE, fresh.id);
    expect(await circleOfPoint(a.page, newPoint.id)).toBe(fresh.id);

    const d = await member(newLink, 'D');
    await waitForTitle(d.page, NEW_TITLE);
    expect(await circleOfPoint(d.page, newPoint.id)).toBe(fresh.id);

    // B had every chance: D, on the same relay, already has it. Wait a little more all the same.
    await new Promise((r) => setTimeout(r, 2000));
    const bShows = await mapPoints(b.page);
    expect(bShows.map((p) => p.id)).toContain(oldPoint.id);
    expect(bShows.map((p) => p.id)).not.toContain(newPoint.id);
    expect(bShows.map((p) => p.title)).not.toContain(NEW_TITLE);
    expect(
      b.frames.received.some((f) => f.includes(fresh.id)),
      'B was sent nothing of the new circle',
    ).toBe(false);

    // The record itself, as the relay holds it: only the new key opens it.
    const wire = journalWires(relay.dataDir).find((w) => envelopeOf(w).c === fresh.id);
    expect(wire, 'the relay holds the new circle’s point').toBeDefined();
    const e = envelopeOf(wire as string);
    expect(await tryOpen(e, oldInvite.key)).toBeUndefined();
    expect(await tryOpen(e, newInvite.key)).toContain(NEW_TITLE);
    // Re-keying wrote nothing into the old circle (a seized phone still reads it).
    expect(oldRecords()).toBe(oldBefore);
    expect([...a.errors, ...errors]).toEqual([]);
  });
});
