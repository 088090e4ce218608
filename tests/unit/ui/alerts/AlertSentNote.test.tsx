/**
 * After raising an alert the details sheet says plainly whether it went out
 * ("Dispersal sent (to 1 relay)" / "Dispersal saved — not sent yet (no
 * relay)"), from the alert record's send state, and brings that line into view
 * with the focus on it (issue 11) — also when the dispersal ended the point.
 */
import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateIdentity } from '../../../../src/protocol';
import { emptyDraft } from '../../../../src/state';
import { DetailsSheet } from '../../../../src/ui/points/DetailsSheet';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeDevice, makeWorld, type Device, type World } from '../../../fixtures/vadaHarness';

const devices: Device[] = [];
const scrolled: Element[] = [];
beforeEach(() => {
  // jsdom does not lay out or scroll: record which element asked to be shown.
  Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
    scrolled.push(this);
  });
});
afterEach(() => {
  cleanup();
  for (const d of devices.splice(0)) d.dispose();
  scrolled.splice(0);
  delete (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView;
});

async function pointBy(world: World, identity?: Awaited<ReturnType<typeof generateIdentity>>) {
  const author = await makeDevice(world, identity ? { identity } : {});
  devices.push(author);
  const r = await author.store.propose({ ...emptyDraft(53.9, 27.56), title: 'Here', durationMin: 45 });
  if (!r.ok) throw new Error('propose failed');
  return r.id;
}

describe('the confirmation after raising an alert', () => {
  it('says a dispersal is saved but not sent with no relay, then sent once a relay is back; focused and shown', async () => {
    const world = await makeWorld();
    const identity = await generateIdentity();
    const id = await pointBy(world, identity);
    const { store } = await renderVada(world, () => <DetailsSheet id={id} />, { identity });
    await waitFor(() => expect(screen.getByTestId('details-author')).toHaveTextContent('you'));
    world.hub.setReachable(false);

    fireEvent.click(screen.getByTestId('raise-disperse'));
    const form = screen.getByTestId('disperse-alert-form');
    fireEvent.click(form.querySelector('input[name=reason][value=police]') as HTMLInputElement);
    fireEvent.click(screen.getByTestId('alert-confirm'));

    const note = await screen.findByTestId('raise-sent');
    expect(note).toHaveAttribute('role', 'status');
    expect(note).toHaveAttribute('data-kind', 'disperse');
    expect(note).toHaveTextContent('Dispersal saved — not sent yet (no relay)');
    // The organizer's dispersal ended the point and took the form away: the line stays, focused.
    expect(screen.getByTestId('details-state')).toHaveAttribute('data-state', 'dispersed');
    expect(screen.queryByTestId('disperse-alert-form')).toBeNull();
    expect(document.activeElement).toBe(note);
    expect(scrolled).toContain(note);

    world.hub.setReachable(true);
    await waitFor(() => expect(screen.getByTestId('raise-sent')).toHaveTextContent('Dispersal sent (to 1 relay)'));
    expect(screen.getByTestId('raise-sent')).toHaveAttribute('data-send-state', 'sent');
    expect(store.status().connected).toBe(1);
  });

  it('confirms a caution and then an all clear from anyone, each taking the focus', async () => {
    const world = await makeWorld();
    const id = await pointBy(world);
    await renderVada(world, () => <DetailsSheet id={id} />);
    await waitFor(() => expect(screen.getByTestId('raise-caution')).toBeInTheDocument());

    fireEvent.click(screen.getByTestId('raise-caution'));
    await waitFor(() => expect(screen.getByTestId('raise-sent')).toHaveTextContent('Caution sent (to 1 relay)'));
    const caution = screen.getByTestId('raise-sent');
    expect(document.activeElement).toBe(caution);
    expect(scrolled).toContain(caution);

    await waitFor(() => expect(screen.getByTestId('raise-clear')).toBeEnabled());
    fireEvent.click(screen.getByTestId('raise-clear'));
    await waitFor(() => expect(screen.getByTestId('raise-sent')).toHaveAttribute('data-kind', 'clear'));
    await waitFor(() => expect(screen.getByTestId('raise-sent')).toHaveTextContent('All clear sent (to 1 relay)'));
    expect(document.activeElement).toBe(screen.getByTestId('raise-sent'));
    expect(screen.getAllByTestId('raise-sent')).toHaveLength(1);
  });
});
