import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CircleId, PublicKey } from '../../../../src/domain';
import type { CircleInvite } from '../../../../src/domain/circleInvite';
import { createVadaStore, VadaProvider } from '../../../../src/state';
import type { CirclesSlice, CircleView, JoinResult } from '../../../../src/state/circleTypes';
import type { InviteProblem } from '../../../../src/domain/inviteProblem';
import { createMemoryCircleStore } from '../../../../src/platform/circleStore';
import { InviteRefusedNotice } from '../../../../src/ui/circles/InviteRefusedNotice';
import { JoinDialog } from '../../../../src/ui/circles/JoinDialog';
import { cleanup } from '../../../fixtures/renderVada';
import { deviceDeps, makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

const HOSTILE = '<b>Free</b> & «x» <script>alert(1)</script>';
const invite: CircleInvite = {
  v: 1,
  id: 'AAAAAAAAAAAAAAAAAAAAAA' as CircleId,
  key: 'A'.repeat(43),
  name: HOSTILE,
  creator: 'B'.repeat(43) as PublicKey,
  organizers: [],
};
const joined: CircleView = {
  id: invite.id,
  name: HOSTILE,
  isPublic: false,
  creator: invite.creator,
  organizers: new Set([invite.creator]),
  amOrganizer: false,
  joinedAt: 0,
};

/** The real store with its circles slice swapped for one whose invite calls are spies. */
async function renderWithInvite(accept: () => Promise<JoinResult>) {
  const deps = await deviceDeps(await makeWorld());
  const [pending, setPending] = createSignal<CircleInvite | undefined>(invite);
  const acceptInvite = vi.fn(async () => {
    const r = await accept();
    if (r.ok) setPending(undefined);
    return r;
  });
  const declineInvite = vi.fn(() => setPending(undefined));
  render(() => {
    const store = createVadaStore(deps);
    const circles: CirclesSlice = { ...store.circles, pendingInvite: pending, acceptInvite, declineInvite };
    return (
      <VadaProvider store={{ ...store, circles }}>
        <JoinDialog />
        <InviteRefusedNotice />
      </VadaProvider>
    );
  });
  return { acceptInvite, declineInvite };
}

describe('JoinDialog', () => {
  it('asks about the circle by name, shown as text, and joins on yes', async () => {
    const { acceptInvite, declineInvite } = await renderWithInvite(async () => ({ ok: true, circle: joined }));
    const dialog = screen.getByTestId('join-dialog');
    expect(screen.getByTestId('join-name').textContent).toBe(`Join circle «${HOSTILE}»?`);
    expect(dialog.querySelector('b, script')).toBeNull();
    fireEvent.click(screen.getByTestId('join-accept'));
    await waitFor(() => expect(screen.queryByTestId('join-dialog')).toBeNull());
    expect(acceptInvite).toHaveBeenCalledTimes(1);
    expect(declineInvite).not.toHaveBeenCalled();
  });

  it('goes away on "Not now" without joining', async () => {
    const { acceptInvite, declineInvite } = await renderWithInvite(async () => ({ ok: true, circle: joined }));
    fireEvent.click(screen.getByTestId('join-decline'));
    expect(screen.queryByTestId('join-dialog')).toBeNull();
    expect(declineInvite).toHaveBeenCalledTimes(1);
    expect(acceptInvite).not.toHaveBeenCalled();
  });

  it('says in words why joining failed and stays open', async () => {
    const { acceptInvite } = await renderWithInvite(async () => ({ ok: false, reason: 'already-member' }));
    fireEvent.click(screen.getByTestId('join-accept'));
    expect(await screen.findByTestId('join-error')).toHaveTextContent('You are already in this circle.');
    expect(screen.getByTestId('join-dialog')).toBeInTheDocument();
    expect(acceptInvite).toHaveBeenCalledTimes(1);
  });

  it('shows nothing when there is no invite waiting', async () => {
    const deps = await deviceDeps(await makeWorld());
    render(() => {
      const store = createVadaStore(deps);
      return (
        <VadaProvider store={store}>
          <JoinDialog />
        </VadaProvider>
      );
    });
    expect(screen.queryByTestId('join-dialog')).toBeNull();
  });
});

/** The app as started from a `#join=` link that was refused (the fragment is already stripped). */
async function renderRefused(problem: InviteProblem) {
  const deps = await deviceDeps(await makeWorld());
  let store!: ReturnType<typeof createVadaStore>;
  render(() => {
    store = createVadaStore({ ...deps, circles: { store: createMemoryCircleStore(), refusedInvite: problem } });
    return (
      <VadaProvider store={store}>
        <JoinDialog />
        <InviteRefusedNotice />
      </VadaProvider>
    );
  });
  return store;
}

describe('InviteRefusedNotice', () => {
  it.each<[InviteProblem, string]>([
    ['too-long', 'It is longer than any invite can be.'],
    ['not-invite', 'It is not a Vada invite, or only part of one was copied.'],
    ['newer-version', 'It was made by a newer version of Vada: update Vada, or ask for a new invite.'],
    ['bad-name', 'The circle name in it is missing, too long or not on one line.'],
    ['damaged', 'Its circle id or one of its keys is damaged.'],
  ])('says a %s link is damaged, and why, in words', async (problem, reason) => {
    await renderRefused(problem);
    const notice = screen.getByTestId('invite-refused');
    expect(notice).toHaveAttribute('role', 'alert');
    expect(notice).toHaveTextContent('This invite link is damaged or incomplete — ask for a new one.');
    expect(screen.getByTestId('invite-refused-reason').textContent).toBe(reason);
    // Nothing to join: the question is not asked.
    expect(screen.queryByTestId('join-dialog')).toBeNull();
  });

  it('goes away when dismissed and joins nothing', async () => {
    const store = await renderRefused('bad-name');
    fireEvent.click(screen.getByTestId('invite-refused-dismiss'));
    expect(screen.queryByTestId('invite-refused')).toBeNull();
    expect(store.circles.refusedInvite()).toBeUndefined();
    expect(store.circles.list()).toHaveLength(1);
  });

  it('is not shown when the app started with a valid invite', async () => {
    await renderWithInvite(async () => ({ ok: true, circle: joined }));
    expect(screen.getByTestId('join-dialog')).toBeInTheDocument();
    expect(screen.queryByTestId('invite-refused')).toBeNull();
  });
});
