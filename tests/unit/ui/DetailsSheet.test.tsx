import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { generateIdentity } from '../../../src/protocol';
import { emptyDraft } from '../../../src/state';
import { DetailsSheet } from '../../../src/ui/DetailsSheet';
import { cleanup, renderVada } from '../../fixtures/renderVada';
import { makeDevice, makeWorld, type Device, type World } from '../../fixtures/vadaHarness';

const devices: Device[] = [];
afterEach(() => {
  cleanup();
  for (const d of devices.splice(0)) d.dispose();
});

/** A point proposed by `identity` from another device, and a third device watching. */
async function setup(world: World, identity?: Awaited<ReturnType<typeof generateIdentity>>) {
  const author = await makeDevice(world, identity ? { identity } : {});
  const watcher = await makeDevice(world);
  devices.push(author, watcher);
  const r = await author.store.propose({ ...emptyDraft(53.9, 27.56), title: 'Here', durationMin: 45 });
  if (!r.ok) throw new Error('propose failed');
  return { id: r.id, author, watcher };
}

describe('DetailsSheet', () => {
  it('shows state, countdown and author; only the author gets the controls', async () => {
    const world = await makeWorld();
    const { id, author } = await setup(world);
    const { store } = await renderVada(world, () => <DetailsSheet id={id} />);
    await waitFor(() => expect(store.point(id)).toBeDefined());
    expect(screen.getByTestId('details-state')).toHaveTextContent('Active now · ends in 45 min');
    expect(screen.getByTestId('details-author')).toHaveTextContent(`key ${author.identity.publicKey.slice(0, 4)}-`);
    expect(screen.queryByTestId('disperse-button')).toBeNull();
    expect(screen.queryByTestId('cancel-button')).toBeNull();
  });

  it('disperses with a reappear point in one confirmed step; another device sees both', async () => {
    const world = await makeWorld();
    const identity = await generateIdentity();
    const { id, watcher } = await setup(world, identity);
    const { store } = await renderVada(world, () => <DetailsSheet id={id} />, { identity });
    await waitFor(() => expect(screen.getByTestId('details-author')).toHaveTextContent('you'));

    fireEvent.click(screen.getByTestId('disperse-button'));
    fireEvent.click(screen.getByTestId('disperse-with-reappear'));
    fireEvent.click(screen.getByTestId('disperse-confirm'));
    expect(await screen.findByText('Enter a title.')).toBeInTheDocument();
    expect(store.point(id)?.state).toBe('active');

    fireEvent.input(screen.getByTestId('reappear-field-title'), { target: { value: 'There' } });
    fireEvent.click(screen.getByTestId('disperse-confirm'));
    const link = await screen.findByTestId('reappear-link');
    expect(link).toHaveTextContent('Reappear at: There');
    expect(screen.getByTestId('details-state')).toHaveAttribute('data-state', 'dispersed');
    expect(screen.queryByTestId('disperse-button')).toBeNull();

    await waitFor(() => expect(watcher.store.points().map((p) => p.state).sort()).toEqual(['active', 'dispersed']));
    const target = watcher.store.points().find((p) => p.state === 'active');
    expect(target).toMatchObject({ title: 'There', reappearFrom: id });
    fireEvent.click(link);
    expect(store.ui.panel()).toEqual({ kind: 'details', id: target?.id });
  });

  it('cancels only after confirmation', async () => {
    const world = await makeWorld();
    const identity = await generateIdentity();
    const { id, watcher } = await setup(world, identity);
    await renderVada(world, () => <DetailsSheet id={id} />, { identity });
    fireEvent.click(await screen.findByTestId('cancel-button'));
    fireEvent.click(screen.getByTestId('cancel-back'));
    fireEvent.click(screen.getByTestId('cancel-button'));
    expect(world.hub.entries(world.circle.id).size).toBe(1);
    fireEvent.click(screen.getByTestId('cancel-confirm'));
    await waitFor(() => expect(watcher.store.point(id)?.state).toBe('cancelled'));
    expect(await screen.findByTestId('details-state')).toHaveAttribute('data-state', 'cancelled');
  });

  it('says so when the point has left the map', async () => {
    const world = await makeWorld();
    const { id } = await setup(world);
    const { store } = await renderVada(world, () => <DetailsSheet id={id} />);
    await waitFor(() => expect(store.point(id)).toBeDefined());
    world.clock.advance(45 * 60_000 + 2 * 60_000);
    store.refresh();
    expect(await screen.findByTestId('details-gone')).toHaveTextContent('This point is no longer on the map.');
  });
});
