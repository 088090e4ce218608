/**
 * A fresh sync is visible (issue 15): when a relay link opens and brings
 * records this device did not have, the connection indicator says
 * "Syncing… N points", changing at most once a second (it is a polite live
 * region), and goes away once nothing new arrives. A live record arriving
 * later, on its own, shows nothing.
 */
import { screen } from '@solidjs/testing-library';
import { afterEach, expect, it } from 'vitest';
import { bucketOf } from '../../../../src/domain/bucket';
import { generateIdentity, sealRecord, type Identity } from '../../../../src/protocol';
import { ConnectionIndicator } from '../../../../src/ui/shell/ConnectionIndicator';
import { waitFor } from '../../../fixtures/records';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld, type World } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

const MIN = 60_000;

/** Another device's point, written straight into the hub (what a relay holds or pushes). */
async function writePoint(world: World, author: Identity, title: string): Promise<void> {
  const now = world.clock.now();
  const s = await sealRecord(
    author,
    world.circle,
    'point',
    { title, note: '', lat: 53.9, lon: 27.56, start: now + 10 * MIN, end: now + 70 * MIN },
    now,
  );
  world.hub.inject(world.circle.id, s.id, s.wire, bucketOf(now));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('shows "Syncing… N points" while a link that just opened brings points, at most once a second, then nothing', async () => {
  const world = await makeWorld();
  // One key may write 20 points an hour: three authors.
  const [author, second, third] = await Promise.all([generateIdentity(), generateIdentity(), generateIdentity()]);
  world.hub.setReachable(false);
  for (let i = 0; i < 5; i++) await writePoint(world, author, `Stored ${i}`);
  await renderVada(world, () => <ConnectionIndicator />);
  const status = screen.getByTestId('connection-status');
  expect(status).toHaveAttribute('role', 'status');
  expect(status).toHaveAttribute('aria-live', 'polite');
  expect(screen.queryByTestId('sync-progress')).toBeNull();

  // Every change of the progress text, with when it happened.
  const changes: Array<{ at: number; text: string }> = [];
  const observer = new MutationObserver(() => {
    const text = screen.queryByTestId('sync-progress')?.textContent ?? '';
    if (text !== changes.at(-1)?.text) changes.push({ at: performance.now(), text });
  });
  observer.observe(status, { subtree: true, childList: true, characterData: true });

  world.hub.setReachable(true);
  // More keep arriving for about three seconds, one every 150 ms.
  for (let i = 0; i < 18; i++) {
    await writePoint(world, i < 9 ? author : second, `Live ${i}`);
    await sleep(150);
  }
  await waitFor(() => status.getAttribute('data-points') === '23', 'all 23 points shown');
  await waitFor(() => screen.queryByTestId('sync-progress')?.textContent === 'Syncing… 23 points', 'the final count');
  await waitFor(() => screen.queryByTestId('sync-progress') === null, 'the progress gone once quiet', 5000);
  observer.disconnect();

  const shown = changes.filter((c) => c.text !== '');
  // It grew while records arrived: more than one number, each a count of points.
  expect(shown.length).toBeGreaterThan(1);
  for (const c of shown) expect(c.text).toMatch(/^Syncing… \d+ points?$/);
  const counts = shown.map((c) => Number(/\d+/.exec(c.text)?.[0]));
  expect(counts).toEqual([...counts].sort((a, b) => a - b));
  // Throttled: never two changes within a second (a little slack for the timer).
  for (let i = 1; i < changes.length; i++)
    expect(changes[i]!.at - changes[i - 1]!.at).toBeGreaterThanOrEqual(SLACKED_SECOND);
  expect(changes.at(-1)?.text).toBe('');

  // A live point on its own, long after the link opened, is no sync.
  await writePoint(world, third, 'Later');
  await waitFor(() => status.getAttribute('data-points') === '24', 'the later point shown');
  await sleep(1200);
  expect(screen.queryByTestId('sync-progress')).toBeNull();
}, 30_000);

const SLACKED_SECOND = 900;
