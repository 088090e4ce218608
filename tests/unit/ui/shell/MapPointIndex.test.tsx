import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { formatClock } from '../../../../src/i18n';
import { emptyDraft } from '../../../../src/state';
import { MapPointIndex } from '../../../../src/ui/shell/MapPointIndex';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeDevice, makeWorld, type Device } from '../../../fixtures/vadaHarness';

const devices: Device[] = [];
afterEach(() => {
  cleanup();
  for (const d of devices.splice(0)) d.dispose();
});

describe('MapPointIndex alerts', () => {
  it('marks a row with its headline alert as data-alert="<kind>:<trust>"', async () => {
    const world = await makeWorld();
    const organizer = await makeDevice(world);
    const reporter = await makeDevice(world);
    devices.push(organizer, reporter);
    const r = await organizer.store.propose({ ...emptyDraft(53.9, 27.56), title: 'Square' });
    if (!r.ok) throw new Error('propose failed');
    await renderVada(world, () => <MapPointIndex />);
    const row = () => screen.getByTestId('map-index').querySelector(`[data-point-id="${r.id}"]`);
    await waitFor(() => expect(row()).not.toBeNull());
    expect(row()).not.toHaveAttribute('data-alert');

    await waitFor(() => expect(reporter.store.point(r.id)).toBeDefined());
    await reporter.store.raiseAlert(r.id, { kind: 'caution' });
    await waitFor(() => expect(row()).toHaveAttribute('data-alert', 'caution:unconfirmed'));
    expect(row()).toHaveTextContent('Square · Caution (Unconfirmed)');

    await organizer.store.raiseAlert(r.id, { kind: 'disperse', reason: 'violence' });
    await waitFor(() => expect(row()).toHaveAttribute('data-alert', 'disperse:confirmed'));
    expect(row()).toHaveAttribute('data-state', 'dispersed');
    // The visible text follows the headline too (it once kept showing the first one), and stays part of the name.
    expect(row()).toHaveTextContent('Square · Disperse (Confirmed)');
    expect(row()?.getAttribute('aria-label')).toContain('Square · Disperse (Confirmed)');
  });
});

/** `n` points titled `${prefix} NN`, proposed by fresh devices (the per-key quota allows 20 an hour). */
async function city(world: Awaited<ReturnType<typeof makeWorld>>, prefix: string, n: number): Promise<void> {
  for (let i = 0; i < n; i += 15) {
    const d = await makeDevice(world);
    devices.push(d);
    for (let j = i; j < Math.min(n, i + 15); j++) {
      const r = await d.store.propose({
        ...emptyDraft(53.9 + j * 0.001, 27.56),
        title: `${prefix} ${String(j).padStart(2, '0')}`,
      });
      if (!r.ok) throw new Error('propose failed');
    }
  }
}

describe('MapPointIndex at city scale', () => {
  const rows = () => screen.getByTestId('map-index').querySelectorAll('[data-point-id]');
  const count = () => screen.getByTestId('map-index-count').textContent;

  it('lists one page of 20 at a time, with Previous/Next page and the count', async () => {
    const world = await makeWorld();
    await city(world, 'March', 45);
    const view = await renderVada(world, () => <MapPointIndex />);
    await waitFor(() => expect(view.store.visiblePoints()).toHaveLength(45));
    await waitFor(() => expect(count()).toBe('Showing 1–20 of 45'));
    expect(screen.getByTestId('map-index')).toHaveAttribute('data-total', '45');
    expect(rows()).toHaveLength(20);
    const prev = screen.getByRole('button', { name: 'Previous page' });
    const next = screen.getByRole('button', { name: 'Next page' });
    expect(prev).toBeDisabled();
    const firstPage = [...rows()].map((r) => r.getAttribute('data-point-id'));

    fireEvent.click(next);
    expect(count()).toBe('Showing 21–40 of 45');
    const secondPage = [...rows()].map((r) => r.getAttribute('data-point-id'));
    expect(secondPage).toHaveLength(20);
    expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
    next.focus();
    fireEvent.click(next);
    expect(count()).toBe('Showing 41–45 of 45');
    expect(rows()).toHaveLength(5);
    expect(next).toBeDisabled();
    // The last page disabled Next under the keyboard user's focus: focus moved to Previous, still in the index.
    expect(document.activeElement).toBe(prev);
    // Every point is on exactly one page.
    const thirdPage = [...rows()].map((r) => r.getAttribute('data-point-id'));
    expect(new Set([...firstPage, ...secondPage, ...thirdPage]).size).toBe(45);
    fireEvent.click(prev);
    expect(count()).toBe('Showing 21–40 of 45');
    // Each row still carries its accessible name with its times.
    expect(rows()[0]?.getAttribute('aria-label')).toMatch(/^March \d\d — Active now, \d{1,2}:\d{2}/);
  });

  it('searches by title (any case), back to the first page, and says when nothing matches', async () => {
    const world = await makeWorld();
    await city(world, 'Square', 25);
    await city(world, 'Bridge', 10);
    const view = await renderVada(world, () => <MapPointIndex />);
    await waitFor(() => expect(view.store.visiblePoints()).toHaveLength(35));
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(count()).toBe('Showing 21–35 of 35');
    const search = screen.getByRole('searchbox', { name: 'Find a point by title' });
    fireEvent.input(search, { target: { value: 'bRiDgE' } });
    expect(count()).toBe('Showing 1–10 of 10');
    // In the map's order (the fold's), not the search's: all ten bridges, nothing else.
    expect([...rows()].map((r) => r.querySelector('.point-title')?.textContent).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `Bridge 0${i}`),
    );
    // One page: no paging buttons.
    expect(screen.queryByRole('button', { name: 'Next page' })).toBeNull();
    fireEvent.input(search, { target: { value: 'Square 1' } });
    expect(count()).toBe('Showing 1–10 of 10');
    fireEvent.input(search, { target: { value: 'Nowhere' } });
    expect(count()).toBe('No point has that title.');
    expect(rows()).toHaveLength(0);
    fireEvent.input(search, { target: { value: '' } });
    expect(count()).toBe('Showing 1–20 of 35');
  });
});

describe('MapPointIndex times', () => {
  it('names the weekday of a time not on today’s date, and follows the day when midnight passes', async () => {
    // 22:00 local: the point runs past midnight, so its end is on another day than its start.
    const start = new Date(2025, 5, 1, 22, 0, 0).getTime();
    const end = start + 4 * 3_600_000;
    const world = await makeWorld(start);
    const organizer = await makeDevice(world);
    devices.push(organizer);
    const r = await organizer.store.propose({ ...emptyDraft(53.9, 27.56), title: 'Night', durationMin: 240 });
    if (!r.ok) throw new Error(`propose failed: ${JSON.stringify(r.errors)}`);
    const { store } = await renderVada(world, () => <MapPointIndex />);
    const label = () =>
      screen.getByTestId('map-index').querySelector(`[data-point-id="${r.id}"]`)?.getAttribute('aria-label') ?? '';
    await waitFor(() => expect(label()).toContain('Night'));
    const before = [formatClock(start, start), formatClock(end, start)];
    expect(before[0]).not.toBe(formatClock(start, end));
    expect(label()).toContain(before[0]);
    expect(label()).toContain(before[1]);
    // An hour on, the same day: the labels stay. Past midnight: the start gets its weekday, the end drops it.
    world.clock.advance(3_600_000);
    store.refresh();
    expect(label()).toContain(before[0]);
    world.clock.advance(2 * 3_600_000);
    store.refresh();
    await waitFor(() => expect(label()).toContain(formatClock(start, end)));
    expect(label()).toContain(formatClock(end, end));
  });
});
