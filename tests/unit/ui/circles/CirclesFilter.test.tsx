import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../../src/state';
import { CircleFilter } from '../../../../src/ui/circles/CircleFilter';
import { MapPointIndex } from '../../../../src/ui/shell/MapPointIndex';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

describe('CircleFilter', () => {
  it('is hidden while the open circle is the only one', async () => {
    await renderVada(await makeWorld(), () => <CircleFilter />);
    expect(screen.queryByTestId('circle-filter')).toBeNull();
  });

  it('narrows the map index to one circle and back to all', async () => {
    const { store } = await renderVada(await makeWorld(), () => (
      <>
        <CircleFilter />
        <MapPointIndex />
      </>
    ));
    const made = await store.circles.create('Crew');
    if (!made.ok) throw new Error('create failed');
    const open = store.circles.list().find((c) => c.isPublic)!;
    const pub = await store.propose({ ...emptyDraft(53.9, 27.56), title: 'Open square', circle: open.id });
    const priv = await store.propose({ ...emptyDraft(53.91, 27.57), title: 'Crew corner', circle: made.circle.id });
    if (!pub.ok || !priv.ok) throw new Error('propose failed');

    const index = () => screen.getByTestId('map-index');
    const shown = () => [...index().querySelectorAll('[data-point-id]')].map((b) => b.getAttribute('data-circle'));
    await waitFor(() => expect(shown().sort()).toEqual([open.id, made.circle.id].sort()));
    expect(index().querySelector(`[data-point-id="${priv.id}"]`)).toHaveAttribute('data-circle', made.circle.id);

    const select = screen.getByTestId('circle-filter') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['All circles', 'Public (anyone can read)', 'Crew']);
    expect(select.value).toBe('all');

    fireEvent.change(select, { target: { value: made.circle.id } });
    expect(store.circles.filter()).toBe(made.circle.id);
    await waitFor(() => expect(shown()).toEqual([made.circle.id]));

    fireEvent.change(select, { target: { value: open.id } });
    await waitFor(() => expect(shown()).toEqual([open.id]));

    fireEvent.change(select, { target: { value: 'all' } });
    await waitFor(() => expect(shown()).toHaveLength(2));
  });
});
