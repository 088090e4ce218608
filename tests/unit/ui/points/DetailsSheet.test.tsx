import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { generateIdentity } from '../../../../src/protocol';
import { emptyDraft } from '../../../../src/state';
import { DetailsSheet } from '../../../../src/ui/points/DetailsSheet';
import { ProtestBar } from '../../../../src/ui/points/ProtestBar';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeDevice, makeWorld, type Device, type World } from '../../../fixtures/vadaHarness';

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
    expect(screen.queryByTestId('cancel-button')).toBeNull();
    expect(screen.queryByTestId('coorganizer-key')).toBeNull();
    expect(screen.getByTestId('raise-caution')).toBeInTheDocument();
  });

  it('disperses through the alert form: a reason, a new reappear point, then the confirmation; another device sees both', async () => {
    const world = await makeWorld();
    const identity = await generateIdentity();
    const { id, watcher } = await setup(world, identity);
    const { store } = await renderVada(world, () => <DetailsSheet id={id} />, { identity });
    await waitFor(() => expect(screen.getByTestId('details-author')).toHaveTextContent('you'));
    expect(screen.queryByTestId('alert-counts-once')).toBeNull();

    fireEvent.click(screen.getByTestId('raise-disperse'));
    const form = screen.getByTestId('disperse-alert-form');
    expect(form).toHaveTextContent('Send disperse alert to everyone following this point?');
    fireEvent.click(screen.getByTestId('alert-confirm'));
    expect(await screen.findByTestId('error-reason')).toHaveTextContent('Choose a reason.');
    fireEvent.click(form.querySelector('input[name=reason][value=kettling]') as HTMLInputElement);
    fireEvent.change(screen.getByTestId('reappear-choice'), { target: { value: 'new' } });
    fireEvent.click(screen.getByTestId('alert-confirm'));
    expect(await screen.findByText('Enter a title.')).toBeInTheDocument();
    expect(world.hub.entries(world.circle.id).size).toBe(1);
    expect(store.point(id)?.state).toBe('active');

    fireEvent.input(screen.getByTestId('reappear-field-title'), { target: { value: 'There' } });
    fireEvent.click(screen.getByTestId('alert-confirm'));
    const link = await screen.findByTestId('reappear-link');
    expect(link).toHaveTextContent('Reappear at: There');
    expect(screen.getByTestId('details-state')).toHaveAttribute('data-state', 'dispersed');
    expect(screen.queryByTestId('raise-disperse')).toBeNull();
    const status = screen.getByTestId('alert-status');
    expect(status).toHaveAttribute('data-kind', 'disperse');
    expect(status).toHaveAttribute('data-trust', 'confirmed');
    expect(status).toHaveTextContent('Reason: Kettling');

    await waitFor(() =>
      expect(
        watcher.store
          .points()
          .map((p) => p.state)
          .sort(),
      ).toEqual(['active', 'dispersed']),
    );
    const target = watcher.store.points().find((p) => p.state === 'active');
    expect(target).toMatchObject({ title: 'There', reappearFrom: id });
    fireEvent.click(link);
    expect(store.ui.panel()).toEqual({ kind: 'details', id: target?.id });
  });

  it('lets anyone send caution with one tap; a report counts once and shows unconfirmed', async () => {
    const world = await makeWorld();
    const { id, watcher } = await setup(world);
    await renderVada(world, () => <DetailsSheet id={id} />);
    expect(await screen.findByTestId('alert-counts-once')).toHaveTextContent(
      'Your report counts once; three independent reports make it corroborated',
    );
    fireEvent.click(screen.getByTestId('raise-caution'));
    expect(await screen.findByTestId('raise-sent')).toHaveAttribute('data-kind', 'caution');
    const status = await screen.findByTestId('alert-status');
    expect(status).toHaveAttribute('data-kind', 'caution');
    expect(status).toHaveAttribute('data-trust', 'unconfirmed');
    expect(status).toHaveAttribute('data-reports', '1');
    await waitFor(() =>
      expect(watcher.store.point(id)?.alerts?.headline).toMatchObject({ kind: 'caution', trust: 'unconfirmed' }),
    );
    expect(watcher.store.point(id)?.state).toBe('active');
  });

  it('a non-author disperse is a report: it needs a reason and confirmation and does not end the point', async () => {
    const world = await makeWorld();
    const { id } = await setup(world);
    const { store } = await renderVada(world, () => <DetailsSheet id={id} />);
    fireEvent.click(await screen.findByTestId('raise-disperse'));
    fireEvent.click(screen.getByTestId('alert-cancel'));
    expect(screen.queryByTestId('disperse-alert-form')).toBeNull();
    fireEvent.click(screen.getByTestId('raise-disperse'));
    fireEvent.click(screen.getByTestId('disperse-alert-form').querySelector('input[value=police]') as HTMLInputElement);
    fireEvent.click(screen.getByTestId('alert-confirm'));
    await waitFor(() =>
      expect(store.point(id)?.alerts?.headline).toMatchObject({ kind: 'disperse', trust: 'unconfirmed', reports: 1 }),
    );
    expect(store.point(id)?.state).toBe('active');
  });

  it('follow toggle is a pressed button kept on the device', async () => {
    const world = await makeWorld();
    const { id } = await setup(world);
    const { store } = await renderVada(world, () => <DetailsSheet id={id} />);
    const toggle = await screen.findByTestId('follow-toggle');
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(toggle).toHaveTextContent('Follow');
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(toggle).toHaveTextContent('Following — alerts on');
    expect(store.follows.isFollowed(id)).toBe(true);
    fireEvent.click(toggle);
    expect(store.follows.isFollowed(id)).toBe(false);
  });

  it('the author names a co-organizer; a bad key shows an error and publishes nothing', async () => {
    const world = await makeWorld();
    const identity = await generateIdentity();
    const other = await generateIdentity();
    const { id } = await setup(world, identity);
    await renderVada(world, () => <DetailsSheet id={id} />, { identity });
    const input = await screen.findByTestId('coorganizer-key');
    fireEvent.input(input, { target: { value: 'not a key' } });
    fireEvent.click(screen.getByTestId('coorganizer-add'));
    expect(await screen.findByTestId('coorganizer-error')).toHaveTextContent('That is not a valid public key.');
    expect(world.hub.entries(world.circle.id).size).toBe(1);
    fireEvent.input(input, { target: { value: other.publicKey } });
    fireEvent.click(screen.getByTestId('coorganizer-add'));
    expect(await screen.findByTestId('coorganizer-added')).toBeInTheDocument();
    expect(world.hub.entries(world.circle.id).size).toBe(2);
  });

  it('protest mode shows the bar with the wake lock state and the way; off switch ends it', async () => {
    const world = await makeWorld();
    const { id } = await setup(world);
    const { store } = await renderVada(
      world,
      () => (
        <>
          <DetailsSheet id={id} />
          <ProtestBar />
        </>
      ),
      {
        wakeLock: {
          supported: true,
          acquire: () => Promise.resolve('on'),
          release: () => Promise.resolve(),
          onChange: () => () => undefined,
        },
      },
    );
    fireEvent.click(await screen.findByTestId('protest-start'));
    const state = await screen.findByTestId('wake-lock-state');
    await waitFor(() => expect(state).toHaveAttribute('data-state', 'on'));
    expect(state).toHaveTextContent('Screen stays on');
    expect(screen.getByTestId('protest-bearing')).toHaveTextContent('Share location to see distance');
    expect(store.follows.isFollowed(id)).toBe(true);
    fireEvent.click(screen.getByTestId('protest-stop'));
    await waitFor(() => expect(screen.queryByTestId('protest-bar')).toBeNull());
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
