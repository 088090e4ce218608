/**
 * The share and receive sheets: what they say about a bundle (counts, size in
 * SMS, who can read it), the QR sequence turning over, reading pasted text and
 * files into a preview whose peer text stays text, refusals in words, merging,
 * and the "received by hand" line afterwards.
 */
import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { createSignal, Show } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecordId } from '../../../../src/domain';
import { smsSegments } from '../../../../src/domain/smsSegments';
import { emptyDraft, type ShareScope } from '../../../../src/state';
import { createMemoryHub } from '../../../../src/sync/memoryAdapter';
import { BundleQr, QR_TURN_MS } from '../../../../src/ui/handover/BundleQr';
import { ImportSheet } from '../../../../src/ui/handover/ImportSheet';
import { SendStateLine } from '../../../../src/ui/points/SendStateLine';
import { ShareSheet } from '../../../../src/ui/handover/ShareSheet';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeDevice, makeWorld, type Device, type World } from '../../../fixtures/vadaHarness';

const devices: Device[] = [];
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  for (const d of devices.splice(0)) d.dispose();
});

async function author(world: World, title = 'North steps'): Promise<{ a: Device; id: RecordId }> {
  const a = await makeDevice(world);
  devices.push(a);
  const r = await a.store.propose({ ...emptyDraft(53.9, 27.56), title, note: 'Bring water.' });
  if (!r.ok) throw new Error('propose failed');
  const d = await a.store.raiseAlert(r.id, { kind: 'disperse', reason: 'kettling' });
  if (!d.ok) throw new Error('disperse failed');
  // The bundle code is its own chunk, loaded on first use (src/state/handoverCode.ts).
  await a.store.handover.load();
  return { a, id: r.id };
}
const elsewhere = (world: World): World => ({ ...world, hub: createMemoryHub() });

describe('ShareSheet', () => {
  it('summarises the bundle, offers the text with its size in SMS, and says the open circle is public', async () => {
    const world = await makeWorld();
    const { id } = await author(world);
    const { store } = await renderVada(world, () => <ShareSheet scope={{ point: id }} />);
    await waitFor(() =>
      expect(screen.getByTestId('share-summary')).toHaveTextContent('1 point · 1 alert · 2 signed records'),
    );
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Share “North steps”');
    expect(screen.getByTestId('share-audience')).toHaveTextContent(/^Public: anyone who gets this can read it/);
    const text = (screen.getByTestId('share-text') as HTMLTextAreaElement).value;
    expect(text).toBe(store.handover.share({ point: id })?.text);
    expect(screen.getByTestId('share-text-size')).toHaveTextContent(
      `${text.length} characters · about ${smsSegments(text)} SMS`,
    );
    fireEvent.click(screen.getByTestId('share-form-qr'));
    const parts = store.handover.share({ point: id })?.qrParts.length ?? 0;
    expect(parts).toBeGreaterThan(0);
    expect(screen.getByTestId('share-qr')).toHaveAttribute('data-parts', String(parts));
    expect(screen.getByTestId('share-qr-code').getAttribute('data-modules')).toMatch(/^\d+$/);
    fireEvent.click(screen.getByTestId('share-form-file'));
    expect(screen.getByTestId('share-file-save')).toBeInTheDocument();
  });

  it('says who can read a private circle’s bundle', async () => {
    const world = await makeWorld();
    const [scope, setScope] = createSignal<ShareScope>();
    const { store } = await renderVada(world, () => <Show when={scope()}>{(sc) => <ShareSheet scope={sc()} />}</Show>);
    const made = await store.circles.create('Night shift');
    if (!made.ok) throw new Error('circle');
    const p = await store.propose({ ...emptyDraft(53.9, 27.56), title: 'Back yard', circle: made.circle.id });
    if (!p.ok) throw new Error('propose');
    setScope({ circle: made.circle.id });
    await waitFor(() =>
      expect(screen.getByTestId('share-summary')).toHaveTextContent('1 point · 0 alerts · 1 signed record'),
    );
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Share points: Night shift');
    expect(screen.getByTestId('share-audience')).toHaveTextContent(/^Only members of Night shift can read it/);
  });

  it('turns a QR sequence over by itself and can be paused', async () => {
    vi.useFakeTimers();
    const world = await makeWorld();
    await renderVada(world, () => <BundleQr parts={['VADA:A', 'VADA:B', 'VADA:C']} />);
    const shown = () => screen.getByTestId('share-qr').getAttribute('data-part');
    expect(shown()).toBe('1');
    expect(screen.getByTestId('share-qr-position')).toHaveTextContent('Code 1 of 3');
    vi.advanceTimersByTime(QR_TURN_MS);
    expect(shown()).toBe('2');
    vi.advanceTimersByTime(2 * QR_TURN_MS);
    expect(shown()).toBe('1');
    fireEvent.click(screen.getByTestId('share-qr-pause'));
    vi.advanceTimersByTime(5 * QR_TURN_MS);
    expect(shown()).toBe('1');
    fireEvent.click(screen.getByTestId('share-qr-prev'));
    expect(shown()).toBe('3');
  });
});

describe('ImportSheet', () => {
  it('previews pasted text, merges it, and the point then says it was received by hand', async () => {
    const world = await makeWorld();
    const { a, id } = await author(world, '<b>bold</b> שלום');
    const text = a.store.handover.share({ point: id })?.text ?? '';
    const there = elsewhere(world);
    there.hub.setReachable(false);
    const { store } = await renderVada(there, () => (
      <>
        <ImportSheet />
        <SendStateLine id={id} />
      </>
    ));
    fireEvent.input(screen.getByTestId('import-text'), { target: { value: `fwd: ${text}` } });
    fireEvent.click(screen.getByTestId('import-read'));
    await screen.findByTestId('import-preview');
    expect(screen.getByTestId('import-summary')).toHaveTextContent('1 point, 1 alert, from 1 sender.');
    // Peer text as text, its direction isolated from the sheet around it.
    const title = screen.getByTestId('import-titles').querySelector('li bdi');
    expect(title?.textContent).toBe('<b>bold</b> שלום');
    expect(screen.getByTestId('import-titles').querySelector('b')).toBeNull();
    fireEvent.click(screen.getByTestId('import-merge'));
    await waitFor(() => expect(screen.getByTestId('import-note')).toHaveTextContent('Added 2 records.'));
    await waitFor(() => expect(store.point(id)?.state).toBe('dispersed'));
    expect(screen.getByTestId('send-state')).toHaveAttribute('data-carried', 'true');
    expect(screen.getByTestId('send-state')).toHaveTextContent('Received offline · not passed on yet');
  });

  it('keeps the records of a text cut short and says where it broke', async () => {
    const world = await makeWorld();
    const { a, id } = await author(world);
    const text = a.store.handover.share({ point: id })?.text ?? '';
    // Cut the text: the point survives, the alert after it does not.
    const cut = text.slice(0, Math.floor(text.length * 0.7));
    await renderVada(elsewhere(world), () => <ImportSheet text={cut} />);
    await screen.findByTestId('import-preview');
    expect(screen.getByTestId('import-titles')).toHaveTextContent('North steps');
    expect(screen.getByTestId('import-summary')).toHaveTextContent('1 point, from 1 sender.');
    expect(screen.getByTestId('import-damaged')).toHaveTextContent(
      'The text was cut off or damaged after record 2. Everything before it was read.',
    );
    expect(screen.getByTestId('import-merge')).toHaveTextContent('Add 1 record to my map');
  });

  it('says when a text holds nothing from Vada, and refuses a file too large to be a bundle', async () => {
    const world = await makeWorld();
    await renderVada(world, () => <ImportSheet />);
    fireEvent.input(screen.getByTestId('import-text'), { target: { value: 'see you at six' } });
    fireEvent.click(screen.getByTestId('import-read'));
    await waitFor(() =>
      expect(screen.getByTestId('import-note')).toHaveTextContent('No Vada points or invite found in this text.'),
    );
    const huge = new File(['x'.repeat(2 * 1024 * 1024)], 'huge.vada');
    fireEvent.change(screen.getByTestId('import-file'), { target: { files: [huge] } });
    await waitFor(() => expect(screen.getByTestId('import-note')).toHaveAttribute('data-note', 'too-large'));
  });
});
