import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { failingSync } from '../../../fixtures/offlineSync';
import { ProposeSheet } from '../../../../src/ui/points/ProposeSheet';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

describe('ProposeSheet', () => {
  it('shows per-field messages and publishes nothing while the form is invalid', async () => {
    const world = await makeWorld();
    await renderVada(world, () => <ProposeSheet lat={53.9} lon={27.56} />);
    fireEvent.click(screen.getByTestId('propose-submit'));
    expect(await screen.findByText('Enter a title.')).toBeInTheDocument();
    expect(screen.getByLabelText('Title')).toHaveAttribute('aria-invalid', 'true');
    fireEvent.input(screen.getByLabelText('Note (optional)'), { target: { value: 'n'.repeat(281) } });
    expect(screen.getByText('Keep the note to 280 characters.')).toBeInTheDocument();
    expect(world.hub.entries(world.circle.id).size).toBe(0);
  });

  it('publishes the point with the chosen duration, rounded place, and closes', async () => {
    const world = await makeWorld();
    const { store } = await renderVada(world, () => <ProposeSheet lat={53.904567} lon={27.561234} />);
    store.ui.propose({ lat: 53.904567, lon: 27.561234 });
    expect(screen.getByTestId('field-place')).toHaveTextContent('53.9046, 27.5612');
    fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Square' } });
    fireEvent.change(screen.getByLabelText('Duration'), { target: { value: '30' } });
    fireEvent.click(screen.getByTestId('propose-submit'));
    await waitFor(() => expect(store.points()).toHaveLength(1));
    const p = store.points()[0]!;
    expect(p).toMatchObject({
      title: 'Square',
      lat: 53.9046,
      lon: 27.5612,
      start: world.clock.now(),
      end: world.clock.now() + 30 * 60_000,
    });
    expect(world.hub.entries(world.circle.id).has(p.id)).toBe(true);
    // The sheet closes once propose() has resolved, a few awaits after the point is in the store.
    await waitFor(() => expect(store.ui.panel().kind).toBe('none'));
  });

  it('shows a publish failure to the user', async () => {
    const world = await makeWorld();
    const down = failingSync('relay refused the record');
    await renderVada(world, () => <ProposeSheet lat={53.9} lon={27.56} />, { sync: down });
    fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Square' } });
    fireEvent.click(screen.getByTestId('propose-submit'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not publish: relay refused the record');
  });

  it('takes a start time within the next 24 hours', async () => {
    const world = await makeWorld(new Date(2025, 5, 1, 14, 0).getTime());
    const { store } = await renderVada(world, () => <ProposeSheet lat={53.9} lon={27.56} />);
    fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Later' } });
    fireEvent.click(screen.getByTestId('field-start-at'));
    fireEvent.input(screen.getByLabelText('Start time'), { target: { value: '09:30' } });
    fireEvent.click(screen.getByTestId('propose-submit'));
    await waitFor(() => expect(store.points()).toHaveLength(1));
    expect(store.points()[0]).toMatchObject({ state: 'upcoming', start: new Date(2025, 5, 2, 9, 30).getTime() });
  });
});

describe('ProposeSheet fallback places', () => {
  it('adds up to three rows, picks each place on the map and shows the fallbacks error', async () => {
    const world = await makeWorld();
    const { store } = await renderVada(world, () => <ProposeSheet lat={53.9} lon={27.56} />);
    expect(screen.getByText('Fallback places — revealed only if you disperse and name one')).toBeInTheDocument();
    for (let i = 0; i < 3; i++) fireEvent.click(screen.getByTestId('fallback-add'));
    expect(screen.getAllByTestId('fallback-row')).toHaveLength(3);
    expect(screen.queryByTestId('fallback-add')).toBeNull();
    fireEvent.click(screen.getAllByTestId('fallback-remove')[2]!);
    fireEvent.click(screen.getAllByTestId('fallback-remove')[1]!);
    expect(screen.getAllByTestId('fallback-row')).toHaveLength(1);

    fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Square' } });
    fireEvent.input(screen.getByTestId('fallback-label'), { target: { value: 'Behind the <b>library</b>' } });
    fireEvent.click(screen.getByTestId('propose-submit'));
    expect(await screen.findByTestId('error-fallbacks')).toHaveTextContent(
      'Give every fallback place a name and a place on the map.',
    );
    expect(world.hub.entries(world.circle.id).size).toBe(0);

    fireEvent.click(screen.getByTestId('fallback-pick'));
    expect(store.ui.picking()).toBeDefined();
    store.ui.completePick({ lat: 53.91234, lon: 27.57 });
    await waitFor(() => expect(screen.getByTestId('fallback-place')).toHaveTextContent('53.9123, 27.5700'));
    fireEvent.click(screen.getByTestId('propose-submit'));
    await waitFor(() => expect(store.points()).toHaveLength(1));
    expect(store.points()[0]?.fallbacks).toHaveLength(1);
    expect(await store.myFallbacks(store.points()[0]!.id)).toEqual([
      { label: 'Behind the <b>library</b>', lat: 53.9123, lon: 27.57 },
    ]);
  });
});
