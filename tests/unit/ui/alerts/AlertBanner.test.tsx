import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../../src/state';
import { AlertBanners } from '../../../../src/ui/alerts/AlertBanner';
import { TrustBadge } from '../../../../src/ui/alerts/TrustBadge';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeDevice, makeWorld, type Device, type World } from '../../../fixtures/vadaHarness';

const HOSTILE = '<img src=x onerror=alert(1)>';
const devices: Device[] = [];
afterEach(() => {
  cleanup();
  for (const d of devices.splice(0)) d.dispose();
});

async function organizerWithPoint(world: World, title = HOSTILE) {
  const organizer = await makeDevice(world);
  devices.push(organizer);
  const r = await organizer.store.propose({ ...emptyDraft(53.9, 27.56), title });
  if (!r.ok) throw new Error('propose failed');
  return { organizer, id: r.id };
}

describe('AlertBanner', () => {
  it('shows a confirmed disperse about a followed point with kind, trust, ids and the hostile title as text', async () => {
    const world = await makeWorld();
    const { organizer, id } = await organizerWithPoint(world);
    const { store, container } = await renderVada(world, () => <AlertBanners />);
    await waitFor(() => expect(store.point(id)).toBeDefined());
    store.follows.follow(id);
    const r = await organizer.store.raiseAlert(id, { kind: 'disperse', reason: 'police' });
    expect(r.ok).toBe(true);

    const banner = await screen.findByTestId('alert-banner');
    expect(banner).toHaveAttribute('role', 'alert');
    expect(banner).toHaveAttribute('data-kind', 'disperse');
    expect(banner).toHaveAttribute('data-trust', 'confirmed');
    expect(banner).toHaveAttribute('data-point-id', id);
    expect(banner).toHaveAttribute('data-reports', '0');
    const text = screen.getByTestId('alert-banner-text');
    expect(text).toHaveTextContent(`Disperse: ${HOSTILE}`);
    expect(text).toHaveTextContent('Confirmed');
    expect(text).toHaveTextContent('Reason: Police approaching');
    expect(container.querySelector('img')).toBeNull();
    expect(screen.queryByTestId('alert-banner-go')).toBeNull();

    fireEvent.click(screen.getByTestId('alert-banner-show'));
    expect(store.ui.panel()).toEqual({ kind: 'details', id });
    fireEvent.click(screen.getByTestId('alert-banner-dismiss'));
    await waitFor(() => expect(screen.queryByTestId('alert-banner')).toBeNull());
  });

  it('names the reappear point with a Go button that highlights it, and the way when location is shared', async () => {
    const world = await makeWorld();
    const { organizer, id } = await organizerWithPoint(world, 'Square');
    const there = await organizer.store.propose({ ...emptyDraft(53.91, 27.56), title: 'Fountain' });
    if (!there.ok) throw new Error('propose failed');
    const location = (onFix: (f: { lat: number; lon: number; accuracy: number }) => void) => {
      onFix({ lat: 53.9, lon: 27.56, accuracy: 10 });
      return () => undefined;
    };
    const { store } = await renderVada(world, () => <AlertBanners />, { location });
    store.location.setSharing(true);
    await waitFor(() => expect(store.point(there.id)).toBeDefined());
    store.follows.follow(id);
    await organizer.store.raiseAlert(id, {
      kind: 'disperse',
      reason: 'kettling',
      reappear: { kind: 'existing', point: there.id },
    });

    expect(await screen.findByTestId('alert-banner-reappear')).toHaveTextContent('Reappear at Fountain');
    // 0.01° of latitude north: about 1.1 km, due north.
    expect(screen.getByTestId('alert-banner-way')).toHaveTextContent('1.1 km N');
    fireEvent.click(screen.getByTestId('alert-banner-go'));
    expect(store.ui.highlight()).toBe(there.id);
  });

  it('shows one report from someone else as unconfirmed with its count, and stacks older ones one line each', async () => {
    const world = await makeWorld();
    const { id } = await organizerWithPoint(world, 'A');
    const { organizer: o2, id: id2 } = await organizerWithPoint(world, 'B');
    const { organizer: o3, id: id3 } = await organizerWithPoint(world, 'C');
    const { organizer: o4, id: id4 } = await organizerWithPoint(world, 'D');
    const reporter = await makeDevice(world);
    devices.push(reporter);
    const { store } = await renderVada(world, () => <AlertBanners />);
    await waitFor(() => expect(store.points()).toHaveLength(4));
    for (const p of [id, id2, id3, id4]) store.follows.follow(p);

    await waitFor(() => expect(reporter.store.point(id)).toBeDefined());
    await reporter.store.raiseAlert(id, { kind: 'caution' });
    const banner = await screen.findByTestId('alert-banner');
    expect(banner).toHaveAttribute('data-trust', 'unconfirmed');
    expect(banner).toHaveAttribute('data-reports', '1');
    expect(banner).toHaveAttribute('data-compact', 'false');
    expect(screen.getByTestId('trust-badge')).toHaveTextContent('Unconfirmed · 1 report');

    await o2.store.raiseAlert(id2, { kind: 'caution' });
    await waitFor(() => expect(screen.getAllByTestId('alert-banner')[0]).toHaveAttribute('data-point-id', id2));
    await o3.store.raiseAlert(id3, { kind: 'clear' });
    await waitFor(() => expect(screen.getAllByTestId('alert-banner')).toHaveLength(3));
    await o4.store.raiseAlert(id4, { kind: 'caution' });
    await waitFor(() => expect(screen.getAllByTestId('alert-banner')[0]).toHaveAttribute('data-point-id', id4));
    // Newest on top and expanded; the two before it one line each; the rest counted.
    const shown = () => screen.getAllByTestId('alert-banner');
    expect(shown().map((b) => b.getAttribute('data-point-id'))).toEqual([id4, id3, id2]);
    expect(shown().map((b) => b.getAttribute('data-compact'))).toEqual(['false', 'true', 'true']);
    expect(screen.getByTestId('alert-banner-more')).toHaveTextContent('1 more alert');
    expect(screen.getAllByTestId('alert-banner-show')).toHaveLength(1);
    // A one-line banner still says what and how trusted, in icon and words, not colour alone.
    const clear = shown()[1]!;
    expect(clear.querySelector('.alert-icon')).toHaveTextContent('✓');
    expect(clear.querySelector('[data-testid=alert-banner-text]')).toHaveTextContent('All clear: C');
    expect(clear.querySelector('[data-testid=trust-badge]')).toHaveTextContent('Confirmed');
    expect(clear.querySelector('[data-testid=alert-banner-expand]')).toHaveAttribute('aria-expanded', 'false');
    expect(clear.querySelector('[data-testid=alert-banner-dismiss]')).toHaveAccessibleName('Dismiss alert about C');

    // Expanding one collapses the newest; dismissing a one-line banner brings up the next.
    fireEvent.click(clear.querySelector('[data-testid=alert-banner-expand]')!);
    await waitFor(() => expect(shown().map((b) => b.getAttribute('data-compact'))).toEqual(['true', 'false', 'true']));
    expect(shown()[1]!.querySelector('[data-testid=alert-banner-show]')).not.toBeNull();
    fireEvent.click(shown()[2]!.querySelector('[data-testid=alert-banner-dismiss]')!);
    await waitFor(() => expect(shown().map((b) => b.getAttribute('data-point-id'))).toEqual([id4, id3, id]));
    expect(screen.queryByTestId('alert-banner-more')).toBeNull();
  });

  it('shows no banner for a point the user does not watch', async () => {
    const world = await makeWorld();
    const { organizer, id } = await organizerWithPoint(world, 'Elsewhere');
    const { store } = await renderVada(world, () => <AlertBanners />);
    await waitFor(() => expect(store.point(id)).toBeDefined());
    await organizer.store.raiseAlert(id, { kind: 'caution' });
    await waitFor(() => expect(store.point(id)?.alerts?.headline?.kind).toBe('caution'));
    expect(screen.queryByTestId('alert-banner')).toBeNull();
  });
});

describe('TrustBadge', () => {
  it('tells the three levels apart by text, icon and attribute', () => {
    render(() => (
      <>
        <TrustBadge trust="confirmed" reports={0} />
        <TrustBadge trust="corroborated" reports={3} />
        <TrustBadge trust="unconfirmed" reports={2} />
      </>
    ));
    const badges = screen.getAllByTestId('trust-badge');
    expect(badges.map((b) => b.getAttribute('data-trust'))).toEqual(['confirmed', 'corroborated', 'unconfirmed']);
    expect(badges.map((b) => b.textContent)).toEqual([
      '✔ Confirmed',
      '≡ Corroborated · 3 reports',
      '? Unconfirmed · 2 reports',
    ]);
    expect(new Set(badges.map((b) => b.className)).size).toBe(3);
  });
});
