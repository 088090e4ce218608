import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { Show, type JSX } from 'solid-js';
import { useVada } from '../../../../src/state';
import { ProposeSheet } from '../../../../src/ui/points/ProposeSheet';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

describe('ProposeSheet circle picker', () => {
  it('defaults to where the store publishes, warns while the open circle is chosen, and publishes in the chosen circle', async () => {
    const world = await makeWorld();
    const { store } = await renderVada(world, () => <ProposeSheet lat={53.9} lon={27.56} />);
    const made = await store.circles.create('Crew');
    if (!made.ok) throw new Error('create failed');
    const open = store.circles.list().find((c) => c.isPublic)!;
    store.circles.setPublishTo(open.id);

    const picker = () => screen.getByTestId('propose-circle') as HTMLSelectElement;
    await waitFor(() => expect(picker().options).toHaveLength(2));
    expect([...picker().options].map((o) => o.textContent)).toEqual(['Public (anyone can read)', 'Crew']);
    expect(picker().value).toBe(store.circles.publishTo());
    expect(screen.getByTestId('propose-public-note')).toHaveTextContent('Public: anyone can read this point');

    fireEvent.change(picker(), { target: { value: made.circle.id } });
    expect(screen.queryByTestId('propose-public-note')).toBeNull();
    fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Crew corner' } });
    fireEvent.click(screen.getByTestId('propose-submit'));
    await waitFor(() => expect(store.points()).toHaveLength(1));
    expect(store.points()[0]).toMatchObject({ title: 'Crew corner', circle: made.circle.id });
    expect(world.hub.entries(open.id).size).toBe(0);
  });

  it('starts on a private circle, without the public warning, when that is where the store publishes', async () => {
    const { store } = await renderVada(await makeWorld(), () => <ProposeWhenOpen />);
    const made = await store.circles.create('Crew');
    if (!made.ok) throw new Error('create failed');
    store.circles.setPublishTo(made.circle.id);
    store.ui.propose({ lat: 53.9, lon: 27.56 });
    const picker = (await screen.findByTestId('propose-circle')) as HTMLSelectElement;
    expect(picker.value).toBe(made.circle.id);
    expect(screen.queryByTestId('propose-public-note')).toBeNull();
  });
});

/** Mounts the sheet only when the store opens it, so it reads the store's choice at that moment. */
function ProposeWhenOpen(): JSX.Element {
  const store = useVada();
  return (
    <Show when={store.ui.panel().kind === 'propose'}>
      <ProposeSheet lat={53.9} lon={27.56} />
    </Show>
  );
}
