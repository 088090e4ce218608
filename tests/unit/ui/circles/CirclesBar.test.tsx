import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { Show, type JSX } from 'solid-js';
import { emptyDraft, useVada } from '../../../../src/state';
import { BottomBar } from '../../../../src/ui/shell/BottomBar';
import { DetailsSheet } from '../../../../src/ui/points/DetailsSheet';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

describe('circles in the bar and the details sheet', () => {
  it('toggles the circles sheet from the bottom bar', async () => {
    const { store } = await renderVada(await makeWorld(), () => <BottomBar />);
    const button = screen.getByTestId('circles-button');
    expect(button).toHaveTextContent('Circles');
    fireEvent.click(button);
    expect(store.ui.panel().kind).toBe('circles');
    expect(button).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(button);
    expect(store.ui.panel().kind).toBe('none');
  });

  it('says which circle a point is in, the open one as public', async () => {
    const { store } = await renderVada(await makeWorld(), () => <DetailsWhenOpen />);
    const made = await store.circles.create('Crew <b>7</b>');
    if (!made.ok) throw new Error('create failed');
    const open = store.circles.list().find((c) => c.isPublic)!;
    const pub = await store.propose({ ...emptyDraft(53.9, 27.56), title: 'Open square', circle: open.id });
    const priv = await store.propose({ ...emptyDraft(53.91, 27.57), title: 'Crew corner', circle: made.circle.id });
    if (!pub.ok || !priv.ok) throw new Error('propose failed');

    store.ui.open({ kind: 'details', id: priv.id });
    const line = await screen.findByTestId('details-circle');
    expect(line.textContent).toBe('Circle: Crew <b>7</b>');
    expect(line).toHaveAttribute('data-public', 'false');
    expect(line.querySelector('b')).toBeNull();

    store.ui.open({ kind: 'details', id: pub.id });
    await waitFor(() => expect(screen.getByTestId('details-circle')).toHaveAttribute('data-public', 'true'));
    expect(screen.getByTestId('details-circle')).toHaveTextContent('Circle: Public (anyone can read)');
  });
});

function DetailsWhenOpen(): JSX.Element {
  const store = useVada();
  const id = () => {
    const p = store.ui.panel();
    return p.kind === 'details' ? p.id : undefined;
  };
  return (
    <Show when={id()} keyed>
      {(rid) => <DetailsSheet id={rid} />}
    </Show>
  );
}
