/**
 * The stack chooser (issue 11): a tap on several points at one spot lists
 * them as a labelled list of buttons, each with its title as text (never
 * HTML), its state and time, and its circle when private; choosing one opens
 * its details; Escape or Close dismisses it.
 */
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { Match, Switch, type JSX } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordId } from '../../../../src/domain';
import { emptyDraft, useVada, type Panel, type VadaStore } from '../../../../src/state';
import { StackChooser } from '../../../../src/ui/points/StackChooser';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

const HOSTILE = '<img src=x onerror="window.__stackPwned=1">';

/** What App does for these two panels: the chooser, or a stand-in for the details sheet. */
function Panels(): JSX.Element {
  const { ui } = useVada();
  const stack = () => {
    const p = ui.panel();
    return p.kind === 'stack' ? p : undefined;
  };
  return (
    <Switch>
      <Match when={stack()} keyed>
        {(p) => <StackChooser ids={p.ids} />}
      </Match>
      <Match when={ui.panel().kind === 'details'}>
        <p data-testid="details-open">{(ui.panel() as Extract<Panel, { kind: 'details' }>).id}</p>
      </Match>
    </Switch>
  );
}

async function propose(store: VadaStore, title: string): Promise<RecordId> {
  const r = await store.propose({ ...emptyDraft(53.9045, 27.5615), title });
  if (!r.ok) throw new Error(`propose failed: ${JSON.stringify(r)}`);
  return r.id;
}

/** Three points on one spot: two public (one with a hostile title), one in the private circle "Crew". */
async function stackOfThree() {
  const { store } = await renderVada(await makeWorld(), () => <Panels />);
  const square = await propose(store, 'Square');
  const hostile = await propose(store, HOSTILE);
  const crew = await store.circles.create('Crew');
  if (!crew.ok) throw new Error('create failed');
  store.circles.setPublishTo(crew.circle.id);
  const corner = await propose(store, 'Crew corner');
  await waitFor(() => expect(store.visiblePoints()).toHaveLength(3));
  return { store, ids: [corner, square, hostile] as const };
}

describe('StackChooser', () => {
  it('lists every point under the tap, in the order given, as a labelled list of buttons', async () => {
    const { store, ids } = await stackOfThree();
    store.ui.open({ kind: 'stack', ids });
    const dialog = await screen.findByRole('dialog', { name: '3 points here' });
    const list = within(dialog).getByRole('list', { name: 'Points at this spot' });
    const buttons = within(list).getAllByRole('button');
    expect(buttons.map((b) => b.dataset.pointId)).toEqual([...ids]);
    expect(buttons.map((b) => b.querySelector('.point-title')?.textContent)).toEqual([
      'Crew corner',
      'Square',
      HOSTILE,
    ]);
    for (const b of buttons) {
      expect(b).toHaveAttribute('data-state', 'active');
      expect(b).toHaveTextContent('Active now');
      expect(b.textContent).toMatch(/\d{1,2}:\d{2}\s?(AM|PM)? – \d{1,2}:\d{2}/);
    }
  });

  it('renders a hostile title as text, never as markup', async () => {
    const { store, ids } = await stackOfThree();
    store.ui.open({ kind: 'stack', ids });
    const list = await screen.findByTestId('stack-list');
    expect(list.querySelector('img')).toBeNull();
    expect(within(list).getByText(HOSTILE)).toBeInTheDocument();
    expect((window as unknown as { __stackPwned?: number }).__stackPwned).toBeUndefined();
  });

  it('names the circle only for a private point', async () => {
    const { store, ids } = await stackOfThree();
    store.ui.open({ kind: 'stack', ids });
    const list = await screen.findByTestId('stack-list');
    const circles = within(list).getAllByTestId('stack-circle');
    expect(circles).toHaveLength(1);
    expect(circles[0]).toHaveTextContent('Crew');
    expect(circles[0]?.closest('button')).toHaveAttribute('data-point-id', ids[0]);
  });

  it('opens the chosen point’s details, as a tap on its marker does', async () => {
    const { store, ids } = await stackOfThree();
    store.ui.setHighlight(ids[2]);
    store.ui.open({ kind: 'stack', ids });
    const list = await screen.findByTestId('stack-list');
    fireEvent.click(within(list).getByText('Square'));
    expect(await screen.findByTestId('details-open')).toHaveTextContent(ids[1]);
    expect(screen.queryByTestId('stack-sheet')).toBeNull();
    expect(store.ui.panel()).toEqual({ kind: 'details', id: ids[1] });
    expect(store.ui.highlight()).toBeUndefined();
  });

  it('is dismissed by Escape and by its close button', async () => {
    const { store, ids } = await stackOfThree();
    store.ui.open({ kind: 'stack', ids });
    const dialog = await screen.findByTestId('stack-sheet');
    // Focus starts on its heading, where Escape is pressed.
    expect(document.activeElement).toBe(within(dialog).getByRole('heading'));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('stack-sheet')).toBeNull();
    expect(store.ui.panel()).toEqual({ kind: 'none' });

    store.ui.open({ kind: 'stack', ids });
    fireEvent.click(within(await screen.findByTestId('stack-sheet')).getByTestId('sheet-close'));
    expect(screen.queryByTestId('stack-sheet')).toBeNull();
    expect(store.ui.panel()).toEqual({ kind: 'none' });
  });

  it('drops points that left the map meanwhile and counts what is left', async () => {
    const { store, ids } = await stackOfThree();
    const gone = 'x'.repeat(43) as RecordId;
    store.ui.open({ kind: 'stack', ids: [gone, ids[1], ids[2]] });
    const dialog = await screen.findByRole('dialog', { name: '2 points here' });
    expect(within(dialog).getAllByRole('button', { name: /Square|img/ })).toHaveLength(2);
  });
});
