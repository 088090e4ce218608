import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { CircleId } from '../../../../src/domain';
import { CirclesSheet } from '../../../../src/ui/circles/CirclesSheet';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeDevice, makeWorld, type Device } from '../../../fixtures/vadaHarness';

const devices: Device[] = [];
afterEach(() => {
  cleanup();
  for (const d of devices.splice(0)) d.dispose();
});

const rows = () => screen.getAllByTestId('circle-row');
const rowOf = (id: string) => {
  const row = screen
    .getByTestId('circles-sheet')
    .querySelector<HTMLElement>(`[data-testid=circle-row][data-circle-id="${id}"]`);
  if (!row) throw new Error(`no row for ${id}`);
  return row;
};

async function createCircle(name: string): Promise<CircleId> {
  fireEvent.input(screen.getByTestId('circle-create-name'), { target: { value: name } });
  fireEvent.click(screen.getByTestId('circle-create'));
  const row = await waitFor(() => {
    const found = rows().find((r) => r.getAttribute('data-public') === 'false' && r.textContent?.includes(name));
    if (!found) throw new Error('row not there yet');
    return found;
  });
  return (row.getAttribute('data-circle-id') ?? '') as CircleId;
}

describe('CirclesSheet', () => {
  it('lists the open circle as public and nothing to invite to', async () => {
    await renderVada(await makeWorld(), () => <CirclesSheet />);
    expect(rows()).toHaveLength(1);
    const open = rows()[0]!;
    expect(open).toHaveAttribute('data-public', 'true');
    expect(open).toHaveAttribute('data-replaced', 'false');
    expect(within(open).getByTestId('circle-name')).toHaveTextContent('Public (anyone can read)');
    expect(within(open).queryByTestId('circle-invite')).toBeNull();
    expect(within(open).queryByTestId('circle-leave')).toBeNull();
  });

  it('creates a circle and shows its invite as a read-only link, a QR code and a warning', async () => {
    const { store } = await renderVada(await makeWorld(), () => <CirclesSheet />);
    const id = await createCircle('Block 7');
    expect(store.circles.get(id)).toMatchObject({ name: 'Block 7', isPublic: false, amOrganizer: true });
    const row = rowOf(id);
    expect(row).toHaveAttribute('data-replaced', 'false');
    fireEvent.click(within(row).getByTestId('circle-invite'));
    const link = within(row).getByTestId('invite-link') as HTMLInputElement;
    expect(link.readOnly).toBe(true);
    expect(link.value).toContain('#join=');
    expect(link.value).toBe(store.circles.inviteLink(id));
    const qr = within(row).getByTestId('invite-qr');
    expect(qr.tagName.toLowerCase()).toBe('svg');
    expect(Number(qr.getAttribute('data-modules'))).toBeGreaterThanOrEqual(21);
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(within(row).getByTestId('invite-warning')).toHaveTextContent(
      'Anyone with this link can read and post in this circle. Share it only in person or over a channel you trust.',
    );
    expect(within(row).getByTestId('invite-copy')).toBeInTheDocument();
    // The inviter is told to have people join with Vada's scanner or by pasting, not through a browser.
    expect(within(row).getByTestId('invite-how-to-join')).toHaveTextContent(
      "scan this code with Vada's own scanner (Circles › Scan an invite QR code), or paste the link in Circles › Join with an invite. Do not open the link in a browser",
    );
  });

  it('refuses an empty or too long name without creating anything', async () => {
    const { store } = await renderVada(await makeWorld(), () => <CirclesSheet />);
    fireEvent.input(screen.getByTestId('circle-create-name'), { target: { value: '   ' } });
    fireEvent.click(screen.getByTestId('circle-create'));
    expect(await screen.findByTestId('circle-create-error')).toHaveTextContent('Enter a name.');
    fireEvent.input(screen.getByTestId('circle-create-name'), { target: { value: 'x'.repeat(41) } });
    fireEvent.click(screen.getByTestId('circle-create'));
    expect(screen.getByTestId('circle-create-error')).toHaveTextContent('Keep the name to 40 characters.');
    expect(store.circles.list()).toHaveLength(1);
  });

  it('shows a hostile circle name as text', async () => {
    await renderVada(await makeWorld(), () => <CirclesSheet />);
    const name = '<img src=x onerror=alert(1)>';
    const id = await createCircle(name);
    const row = rowOf(id);
    expect(within(row).getByTestId('circle-name').textContent).toBe(name);
    expect(row.querySelector('img')).toBeNull();
  });

  it('says why a pasted invite is refused: not an invite, too long, a bad name', async () => {
    const { store } = await renderVada(await makeWorld(), () => <CirclesSheet />);
    const damaged = 'This invite link is damaged or incomplete — ask for a new one.';
    const badName = Buffer.from(
      JSON.stringify({
        v: 1,
        id: 'A'.repeat(22),
        key: 'A'.repeat(43),
        name: 'x'.repeat(41),
        creator: 'B'.repeat(43),
        organizers: [],
      }),
    ).toString('base64url');
    const cases: Array<[string, string]> = [
      ['hello there', 'It is not a Vada invite, or only part of one was copied.'],
      [`https://v.example/#join=${'A'.repeat(2001)}`, 'It is longer than any invite can be.'],
      [`#join=${badName}`, 'The circle name in it is missing, too long or not on one line.'],
    ];
    for (const [value, reason] of cases) {
      fireEvent.input(screen.getByTestId('circle-join-text'), { target: { value } });
      fireEvent.click(screen.getByTestId('circle-join'));
      await waitFor(() => expect(screen.getByTestId('circle-join-error').textContent).toBe(`${damaged} ${reason}`));
    }
    expect(store.circles.list()).toHaveLength(1);
  });

  it('joins from a pasted invite link and refuses garbage in words', async () => {
    const world = await makeWorld();
    const organizer = await makeDevice(world);
    devices.push(organizer);
    const made = await organizer.store.circles.create('Neighbours');
    if (!made.ok) throw new Error('create failed');
    const link = organizer.store.circles.inviteLink(made.circle.id) ?? '';

    const { store } = await renderVada(world, () => <CirclesSheet />);
    fireEvent.input(screen.getByTestId('circle-join-text'), {
      target: { value: 'https://vada.example/#join=nonsense' },
    });
    fireEvent.click(screen.getByTestId('circle-join'));
    expect(await screen.findByTestId('circle-join-error')).toHaveTextContent(
      'This invite link is damaged or incomplete — ask for a new one. It is not a Vada invite',
    );
    expect(store.circles.list()).toHaveLength(1);

    fireEvent.input(screen.getByTestId('circle-join-text'), { target: { value: link } });
    fireEvent.click(screen.getByTestId('circle-join'));
    expect(await screen.findByTestId('circle-joined')).toHaveTextContent('Joined «Neighbours»');
    const row = rowOf(made.circle.id);
    expect(row).toHaveAttribute('data-public', 'false');
    // A member who is not an organizer can invite and leave, but not re-key or name co-organizers.
    expect(within(row).getByTestId('circle-invite')).toBeInTheDocument();
    expect(within(row).queryByTestId('circle-rekey')).toBeNull();
    expect(within(row).queryByTestId('circle-organizer-key')).toBeNull();
  });

  it('re-keys only after the organizer confirms, and shows the new invite', async () => {
    const { store } = await renderVada(await makeWorld(), () => <CirclesSheet />);
    const id = await createCircle('March');
    const oldLink = store.circles.inviteLink(id);
    fireEvent.click(within(rowOf(id)).getByTestId('circle-rekey'));
    expect(within(rowOf(id)).getByRole('group')).toHaveTextContent('Everyone must get the new invite from you');
    expect(within(rowOf(id)).getByRole('group')).toHaveTextContent('The old key will read nothing new');
    fireEvent.click(screen.getByTestId('circle-rekey-confirm-back'));
    expect(screen.queryByTestId('circle-rekey-confirm')).toBeNull();
    expect(store.circles.list()).toHaveLength(2);

    fireEvent.click(within(rowOf(id)).getByTestId('circle-rekey'));
    fireEvent.click(screen.getByTestId('circle-rekey-confirm'));
    await waitFor(() => expect(rowOf(id)).toHaveAttribute('data-replaced', 'true'));
    const fresh = store.circles.list().find((c) => !c.isPublic && c.replacedBy === undefined);
    expect(fresh).toMatchObject({ name: 'March' });
    const freshRow = rowOf(fresh!.id);
    const link = ((await within(freshRow).findByTestId('invite-link')) as HTMLInputElement).value;
    expect(link).toContain('#join=');
    expect(link).not.toBe(oldLink);
    // The replaced circle is read-only: no invite, no re-key.
    expect(within(rowOf(id)).queryByTestId('circle-invite')).toBeNull();
    expect(within(rowOf(id)).queryByTestId('circle-rekey')).toBeNull();
  });

  it('leaves a circle only after confirming', async () => {
    const { store } = await renderVada(await makeWorld(), () => <CirclesSheet />);
    const id = await createCircle('Temporary');
    fireEvent.click(within(rowOf(id)).getByTestId('circle-leave'));
    expect(within(rowOf(id)).getByRole('group')).toHaveTextContent('Leave «Temporary»?');
    fireEvent.click(screen.getByTestId('circle-leave-confirm-back'));
    expect(store.circles.get(id)).toBeDefined();

    fireEvent.click(within(rowOf(id)).getByTestId('circle-leave'));
    fireEvent.click(screen.getByTestId('circle-leave-confirm'));
    await waitFor(() => expect(store.circles.get(id)).toBeUndefined());
    expect(rows()).toHaveLength(1);
  });

  it('lets the creator name a co-organizer, refusing what is not a key', async () => {
    const world = await makeWorld();
    const helper = await makeDevice(world);
    devices.push(helper);
    const { store } = await renderVada(world, () => <CirclesSheet />);
    const id = await createCircle('Crew');
    const row = rowOf(id);
    fireEvent.input(within(row).getByTestId('circle-organizer-key'), { target: { value: 'not a key' } });
    fireEvent.click(within(row).getByTestId('circle-organizer-add'));
    expect(await within(row).findByTestId('circle-organizer-error')).toHaveTextContent(
      'That is not a valid public key.',
    );
    fireEvent.input(within(row).getByTestId('circle-organizer-key'), { target: { value: helper.identity.publicKey } });
    fireEvent.click(within(row).getByTestId('circle-organizer-add'));
    expect(await within(row).findByTestId('circle-organizer-added')).toBeInTheDocument();
    await waitFor(() => expect(store.circles.get(id)?.organizers.has(helper.identity.publicKey)).toBe(true));
  });
});
