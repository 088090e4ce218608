import { screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../src/state';
import { DetailsSheet } from '../../../src/ui/points/DetailsSheet';
import { ListSheet } from '../../../src/ui/points/ListSheet';
import { MapPointIndex } from '../../../src/ui/shell/MapPointIndex';
import { cleanup, renderVada } from '../../fixtures/renderVada';
import { makeDevice, makeWorld, type Device } from '../../fixtures/vadaHarness';

const HOSTILE_TITLE = '<img src=x onerror=alert(1)>';
const HOSTILE_NOTE = '<script>alert(2)</script><img src=y onerror=alert(3)> & <b>bold</b>';

let mallory: Device | undefined;
afterEach(() => {
  cleanup();
  mallory?.dispose();
});

async function hostileWorld() {
  const world = await makeWorld();
  mallory = await makeDevice(world);
  const r = await mallory.store.propose({ ...emptyDraft(53.9, 27.56), title: HOSTILE_TITLE, note: HOSTILE_NOTE });
  if (!r.ok) throw new Error('propose failed');
  return { world, id: r.id };
}

describe('peer text is rendered as text', () => {
  it('in the list and the map index', async () => {
    const { world } = await hostileWorld();
    const { container } = await renderVada(world, () => (
      <>
        <ListSheet />
        <MapPointIndex />
      </>
    ));
    await waitFor(() => expect(screen.getAllByText(HOSTILE_TITLE)).toHaveLength(2));
    expect(container.querySelector('img, script, b')).toBeNull();
    expect(screen.getByTestId('map-index').querySelector('[data-state="active"]')).toHaveAttribute(
      'aria-label',
      expect.stringContaining(HOSTILE_TITLE),
    );
  });

  it('in the details sheet, title and note alike', async () => {
    const { world, id } = await hostileWorld();
    const { container, store } = await renderVada(world, () => <DetailsSheet id={id} />);
    await waitFor(() => expect(store.point(id)).toBeDefined());
    expect(screen.getByRole('heading', { name: HOSTILE_TITLE })).toBeInTheDocument();
    expect(screen.getByTestId('details-note').textContent).toBe(HOSTILE_NOTE);
    expect(container.querySelector('img, script, b')).toBeNull();
    expect(document.querySelector('img, script')).toBeNull();
  });
});
