/**
 * Linking a nearby phone on screen, with a fake WebRTC and a fake camera (jsdom
 * has neither): this phone's UI against another phone driven through its
 * store. Both roles reach "Linked"; the bar counts nearby phones (also
 * offline); refusals, expiry and a failed connection are said in words;
 * Settings opens the sheet, counts links and disconnects them all.
 */
import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StartQrScanner } from '../../../../src/platform/loadQrScanner';
import type { QrScannerHandle } from '../../../../src/platform/qrScanner';
import { browserDevice } from '../../../../src/platform/devicePorts';
import type { NetworkSource } from '../../../../src/platform/networkStatus';
import { bridgeAdapters } from '../../../../src/sync/bridgeAdapter';
import { createLinkAdapter } from '../../../../src/sync/linkAdapter';
import { createMemoryAdapter, createMemoryHub } from '../../../../src/sync/memoryAdapter';
import { Show, type JSX } from 'solid-js';
import { useVada, type VadaStore } from '../../../../src/state';
import { LinkSheet } from '../../../../src/ui/links/LinkSheet';
import { ConnectionIndicator } from '../../../../src/ui/shell/ConnectionIndicator';
import { SettingsSheet } from '../../../../src/ui/settings/SettingsSheet';
import { fakeLinkNet, type FakeLinkNet } from '../../../fixtures/fakePhoneLink';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeDevice, makeWorld, type Device, type World } from '../../../fixtures/vadaHarness';

const devices: Device[] = [];
afterEach(() => {
  cleanup();
  for (const d of devices.splice(0)) d.dispose();
});

/** A camera that reads whatever the test shows it. */
function fakeCamera() {
  let onText: ((text: string) => void) | undefined;
  const start = vi.fn<StartQrScanner>((_video, cb) => {
    onText = cb;
    return Promise.resolve<QrScannerHandle>({ decoder: 'jsqr', stop: () => {} });
  });
  return { start, show: (text: string) => onText?.(text) };
}

/** The sheet as the app shows it: only while the link panel is open. */
function OpenLinkSheet(): JSX.Element {
  const store = useVada();
  return (
    <Show when={store.ui.panel().kind === 'link'}>
      <LinkSheet />
    </Show>
  );
}

const offline: NetworkSource = { online: () => false, watch: () => () => {} };

/** This phone's UI (sheet, bar and, if asked, Settings) on the fake link network, with no relay. */
async function mountPhone(
  world: World,
  net: FakeLinkNet,
  opts: { settings?: boolean; network?: NetworkSource; onlyWhenOpen?: boolean } = {},
) {
  const camera = fakeCamera();
  const hub = createMemoryHub();
  hub.setReachable(false);
  const adapter = createLinkAdapter({ clock: world.clock });
  const r = await renderVada(
    world,
    () => (
      <>
        <ConnectionIndicator />
        {opts.settings ? <SettingsSheet /> : opts.onlyWhenOpen ? <OpenLinkSheet /> : <LinkSheet />}
      </>
    ),
    {
      sync: bridgeAdapters(createMemoryAdapter(hub, { clock: world.clock }), adapter),
      links: { port: net.port(), adapter },
      device: { ...browserDevice(), startQrScanner: camera.start },
      ...(opts.network ? { network: opts.network } : {}),
    },
  );
  return { ...r, camera };
}

/** The other phone, driven through its store. */
async function otherPhone(world: World, net: FakeLinkNet): Promise<Device> {
  const adapter = createLinkAdapter({ clock: world.clock });
  const hub = createMemoryHub();
  hub.setReachable(false);
  const d = await makeDevice(world, {
    sync: bridgeAdapters(createMemoryAdapter(hub, { clock: world.clock }), adapter),
    links: { port: net.port(), adapter },
  });
  devices.push(d);
  return d;
}

const state = () => screen.getByTestId('link-state');

async function codeOf(d: { store: VadaStore }, wanted: 'offering' | 'answering'): Promise<string> {
  await waitFor(() => expect(d.store.links.flow().state).toBe(wanted));
  const f = d.store.links.flow();
  return 'code' in f ? f.code : '';
}

describe('the link sheet', () => {
  it('phone A: shows its code with the time left, scans the answer, and is linked; the bar counts the phone', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now());
    const a = await mountPhone(world, net);
    const b = await otherPhone(world, net);
    expect(state()).toHaveAttribute('data-state', 'idle');
    expect(screen.queryByTestId('link-count')).toBeNull();

    fireEvent.click(screen.getByTestId('link-start'));
    const figure = await screen.findByTestId('link-offer-qr');
    const offer = figure.getAttribute('data-code') ?? '';
    expect(offer).toMatch(/^VADA-L1:/);
    expect(figure.querySelector('svg[role=img]')).not.toBeNull();
    expect(state()).toHaveAttribute('data-state', 'offering');
    expect(screen.getByTestId('link-countdown')).toHaveTextContent('Code valid for 5 min');

    b.store.links.join();
    b.store.links.offerScanned(offer);
    const answer = await codeOf(b, 'answering');
    fireEvent.click(screen.getByTestId('link-scan-answer'));
    await screen.findByTestId('qr-scanner');
    expect(state()).toHaveAttribute('data-state', 'scanning');
    await waitFor(() => expect(a.camera.start).toHaveBeenCalled());
    a.camera.show(answer);
    await waitFor(() => expect(state()).toHaveAttribute('data-state', 'linked'));
    expect(state()).toHaveTextContent('Linked.');
    const count = await screen.findByTestId('link-count');
    expect(count).toHaveTextContent('1 nearby phone');
    expect(count).toHaveAttribute('data-count', '1');
    expect(screen.getByTestId('connection-status')).toHaveAttribute('data-links', '1');
    await waitFor(() => expect(b.store.links.flow().state).toBe('linked'));
  });

  it('phone B: refuses a points code, then scans the offer, shows its answer and waits until linked', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now());
    const b = await mountPhone(world, net);
    const a = await otherPhone(world, net);
    a.store.links.start();
    const offer = await codeOf(a, 'offering');

    fireEvent.click(screen.getByTestId('link-join'));
    await screen.findByTestId('qr-scanner');
    expect(state()).toHaveAttribute('data-state', 'scanning');
    await waitFor(() => expect(b.camera.start).toHaveBeenCalled());
    b.camera.show('VADA:0123ABC');
    expect(await screen.findByTestId('link-refusal')).toHaveTextContent(
      'This code carries points, not a link. Open “Receive points” to read it.',
    );
    expect(screen.getByTestId('link-refusal')).toHaveAttribute('role', 'alert');
    b.camera.show('<img src=x onerror=alert(1)>');
    await waitFor(() => expect(screen.getByTestId('link-refusal')).toHaveTextContent('This is not a Vada link code.'));
    expect(document.querySelector('img')).toBeNull();

    b.camera.show(offer);
    const figure = await screen.findByTestId('link-answer-qr');
    expect(state()).toHaveAttribute('data-state', 'answering');
    expect(screen.queryByTestId('link-refusal')).toBeNull();
    a.store.links.scanAnswer();
    a.store.links.answerScanned(figure.getAttribute('data-code') ?? '');
    await waitFor(() => expect(state()).toHaveAttribute('data-state', 'linked'));
    expect(await screen.findByTestId('link-count')).toHaveTextContent('1 nearby phone');
  });

  it('says when the code expired, and starts again', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now());
    await mountPhone(world, net);
    fireEvent.click(screen.getByTestId('link-start'));
    await screen.findByTestId('link-offer-qr');
    world.clock.advance(4 * 60_000 + 30_000);
    await waitFor(() => expect(screen.getByTestId('link-countdown')).toHaveTextContent('Code valid for 30 sec'));
    world.clock.advance(30_000);
    await waitFor(() => expect(state()).toHaveAttribute('data-state', 'expired'), { timeout: 3000 });
    expect(state()).toHaveAttribute('role', 'alert');
    expect(state()).toHaveTextContent('The code expired. Start again to get a new one.');
    expect(screen.queryByTestId('link-offer-qr')).toBeNull();
    fireEvent.click(screen.getByTestId('link-again'));
    expect(state()).toHaveAttribute('data-state', 'idle');
    expect(net.cancelled()).toBe(1);
  });

  it('says when the phones could not connect, and when the answer belongs to another link', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now());
    const a = await mountPhone(world, net);
    const b = await otherPhone(world, net);
    const c = await otherPhone(world, net);
    fireEvent.click(screen.getByTestId('link-start'));
    const offer = (await screen.findByTestId('link-offer-qr')).getAttribute('data-code') ?? '';
    c.store.links.start();
    const otherOffer = await codeOf(c, 'offering');
    b.store.links.join();
    b.store.links.offerScanned(otherOffer);
    const wrongAnswer = await codeOf(b, 'answering');
    fireEvent.click(screen.getByTestId('link-scan-answer'));
    await waitFor(() => expect(a.camera.start).toHaveBeenCalled());
    a.camera.show(wrongAnswer);
    expect(await screen.findByTestId('link-refusal')).toHaveTextContent('Wrong code for this step.');
    expect(state()).toHaveAttribute('data-state', 'scanning');

    b.store.links.reset();
    b.store.links.join();
    b.store.links.offerScanned(offer);
    const answer = await codeOf(b, 'answering');
    net.failNext();
    a.camera.show(answer);
    await waitFor(() => expect(state()).toHaveAttribute('data-state', 'failed'));
    expect(state()).toHaveAttribute('role', 'alert');
    expect(state()).toHaveTextContent('The phones could not connect.');
  });

  it('closing the sheet cancels the code still shown', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now());
    const a = await mountPhone(world, net, { onlyWhenOpen: true });
    a.store.ui.open({ kind: 'link' });
    fireEvent.click(await screen.findByTestId('link-start'));
    await screen.findByTestId('link-offer-qr');
    fireEvent.click(screen.getByTestId('sheet-close'));
    expect(a.store.ui.panel().kind).toBe('none');
    expect(screen.queryByTestId('link-sheet')).toBeNull();
    expect(a.store.links.flow().state).toBe('idle');
    expect(net.cancelled()).toBe(1);
  });
});

describe('nearby phones in Settings and the bar', () => {
  it('opens the link sheet, counts links (also offline), and disconnects them all', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now());
    const a = await mountPhone(world, net, { settings: true, network: offline });
    const b = await otherPhone(world, net);
    expect(screen.getByTestId('link-settings-count')).toHaveTextContent('No phone linked now.');
    expect(screen.getByTestId('link-disconnect-all')).toBeDisabled();
    expect(screen.getByText(/only the circles both phones are in, plus the open circle/)).toBeInTheDocument();
    expect(screen.getByTestId('connection-status')).toHaveTextContent('Offline — no network');

    fireEvent.click(screen.getByTestId('link-phone'));
    expect(a.store.ui.panel()).toEqual({ kind: 'link' });

    a.store.links.start();
    const offer = await codeOf(a, 'offering');
    b.store.links.join();
    b.store.links.offerScanned(offer);
    const answer = await codeOf(b, 'answering');
    a.store.links.scanAnswer();
    a.store.links.answerScanned(answer);
    await waitFor(() => expect(screen.getByTestId('link-settings-count')).toHaveTextContent('1 phone linked now.'));
    const status = screen.getByTestId('connection-status');
    expect(status).toHaveTextContent(/Offline\s*·\s*1 nearby phone/);
    expect(status).not.toHaveTextContent('no network');
    expect(status).toHaveAttribute('data-links', '1');

    fireEvent.click(screen.getByTestId('link-disconnect-all'));
    await waitFor(() => expect(screen.getByTestId('link-settings-count')).toHaveTextContent('No phone linked now.'));
    expect(screen.queryByTestId('link-count')).toBeNull();
    expect(screen.getByTestId('connection-status')).toHaveAttribute('data-links', '0');
    await waitFor(() => expect(b.store.links.count()).toBe(0));
  });
});
