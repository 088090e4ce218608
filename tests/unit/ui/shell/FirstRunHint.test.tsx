/**
 * The first-run hint (issue 11): shown at the first start as a labelled
 * region with its heading focused; "Got it" or Escape dismiss it for good (a
 * new store on the same settings does not show it); the Settings button
 * brings it back; and it never covers a link's "join this circle?" question,
 * a refused invite's notice or an open sheet.
 */
import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { Show, type JSX } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { CircleId, PublicKey } from '../../../../src/domain';
import type { CircleInvite } from '../../../../src/domain/circleInvite';
import { createMemoryCircleStore } from '../../../../src/platform/circleStore';
import { createMemorySettingsStore } from '../../../../src/platform/settingsStore';
import { useVada } from '../../../../src/state';
import { FirstRunHint } from '../../../../src/ui/shell/FirstRunHint';
import { InviteRefusedNotice } from '../../../../src/ui/circles/InviteRefusedNotice';
import { JoinDialog } from '../../../../src/ui/circles/JoinDialog';
import { ShowFirstRunHintButton } from '../../../../src/ui/settings/ShowFirstRunHintButton';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

const invite: CircleInvite = {
  v: 1,
  id: 'AAAAAAAAAAAAAAAAAAAAAA' as CircleId,
  key: 'A'.repeat(43),
  name: 'Crew',
  creator: 'B'.repeat(43) as PublicKey,
  organizers: [],
};

/** What App.tsx puts over the map that matters here, and a stand-in Settings sheet holding the button. */
function Screen(): JSX.Element {
  const { ui } = useVada();
  return (
    <>
      <Show when={ui.panel().kind === 'settings'}>
        <section data-testid="settings-stand-in">
          <ShowFirstRunHintButton />
        </section>
      </Show>
      <FirstRunHint />
      <JoinDialog />
      <InviteRefusedNotice />
    </>
  );
}

const hint = () => screen.queryByTestId('first-run-hint');

describe('FirstRunHint', () => {
  it('shows at first start: a region named by its heading, which takes focus, with the three lines', async () => {
    await renderVada(await makeWorld(), () => <Screen />, { settings: createMemorySettingsStore() });
    const region = screen.getByRole('region', { name: 'Before you start' });
    expect(region).toBe(hint());
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Before you start' }));
    expect(region).toHaveTextContent('Propose a point: tap Propose or long-press the map.');
    expect(region).toHaveTextContent('Anyone can read the public circle — police too.');
    expect(region).toHaveTextContent('For private circles, tap Circles.');
    // Not a modal: nothing is marked inert or modal around it.
    expect(region).not.toHaveAttribute('aria-modal');
    expect(screen.getByRole('button', { name: 'Got it' })).toBeInTheDocument();
  });

  it('stays dismissed after "Got it", also for a new store on the same settings (a reload)', async () => {
    const settings = createMemorySettingsStore();
    const world = await makeWorld();
    await renderVada(world, () => <Screen />, { settings });
    fireEvent.click(screen.getByTestId('first-run-hint-dismiss'));
    expect(hint()).toBeNull();
    expect(settings.load().firstRunHintDismissed).toBe(true);
    cleanup();
    await renderVada(world, () => <Screen />, { settings });
    expect(hint()).toBeNull();
  });

  it('closes with Escape, for good', async () => {
    const settings = createMemorySettingsStore();
    await renderVada(await makeWorld(), () => <Screen />, { settings });
    fireEvent.keyDown(screen.getByRole('heading', { name: 'Before you start' }), { key: 'Enter' });
    expect(hint()).not.toBeNull();
    fireEvent.keyDown(screen.getByRole('heading', { name: 'Before you start' }), { key: 'Escape' });
    expect(hint()).toBeNull();
    expect(settings.load().firstRunHintDismissed).toBe(true);
  });

  it('comes back from the Settings button, closing the sheet and taking focus', async () => {
    const settings = createMemorySettingsStore({ firstRunHintDismissed: true });
    const { store } = await renderVada(await makeWorld(), () => <Screen />, { settings });
    expect(hint()).toBeNull();
    store.ui.open({ kind: 'settings' });
    const button = screen.getByRole('button', { name: 'Show the start tips again' });
    button.focus();
    fireEvent.click(button);
    expect(store.ui.panel().kind).toBe('none');
    expect(screen.queryByTestId('settings-stand-in')).toBeNull();
    expect(hint()).not.toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Before you start' }));
    fireEvent.click(screen.getByTestId('first-run-hint-dismiss'));
    expect(hint()).toBeNull();
  });

  it('waits while a link asks to join a circle, and shows once that is answered', async () => {
    await renderVada(await makeWorld(), () => <Screen />, {
      settings: createMemorySettingsStore(),
      circles: { store: createMemoryCircleStore(), pendingInvite: invite },
    });
    expect(screen.getByTestId('join-dialog')).toBeInTheDocument();
    expect(hint()).toBeNull();
    fireEvent.click(screen.getByTestId('join-decline'));
    await waitFor(() => expect(hint()).not.toBeNull());
  });

  it('waits while a refused invite is explained', async () => {
    await renderVada(await makeWorld(), () => <Screen />, {
      settings: createMemorySettingsStore(),
      circles: { store: createMemoryCircleStore(), refusedInvite: 'not-invite' },
    });
    expect(screen.getByTestId('invite-refused')).toBeInTheDocument();
    expect(hint()).toBeNull();
    fireEvent.click(screen.getByTestId('invite-refused-dismiss'));
    expect(hint()).not.toBeNull();
  });

  it('waits under an open sheet (an import at start) and while a place is picked', async () => {
    const { store } = await renderVada(await makeWorld(), () => <Screen />, { settings: createMemorySettingsStore() });
    store.ui.open({ kind: 'import', text: 'vada1:…' });
    expect(hint()).toBeNull();
    store.ui.close();
    expect(hint()).not.toBeNull();
    const picked = store.ui.pickPlace();
    expect(hint()).toBeNull();
    store.ui.completePick(undefined);
    await picked;
    expect(hint()).not.toBeNull();
  });
});
