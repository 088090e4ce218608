/**
 * On-demand sheets (src/ui/common/onDemand.tsx, used for every sheet by
 * src/ui/shell/lazySheets.ts): a small status while the chunk arrives, then
 * the sheet with focus moved into it as if it had been there all along; a
 * chunk that cannot load gives a retry and a close instead of breaking the
 * app; once loaded, the sheet renders at once the next time. The sheet's text
 * is part of loading it: while the rest of English is on its way
 * (src/i18n/t.ts) the sheet waits for it too, with the same retry when it
 * cannot come (i18n's readiness is held by hand here; its own behaviour is
 * tests/unit/i18n/englishRest.test.ts). A Try again that fails too reloads
 * the page when its address answers (reloadIfServed, held by hand here; its
 * own behaviour is reloadIfServed.test.ts), never on a failure nobody tapped.
 */
import { cleanup, fireEvent, screen } from '@solidjs/testing-library';
import type { Component, JSX } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onDemand } from '../../../../src/ui/common/onDemand';
import { Sheet } from '../../../../src/ui/common/Sheet';
import { renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

/** Whether all of the active language's text is here, and the waits for it the test settles by hand. */
const text = vi.hoisted(() => ({
  ready: true,
  waits: [] as { resolve: () => void; reject: (e: Error) => void }[],
}));

vi.mock('../../../../src/i18n/index.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/i18n/index.ts')>()),
  textReady: () => text.ready,
  whenTextReady: () =>
    text.ready ? Promise.resolve() : new Promise<void>((resolve, reject) => text.waits.push({ resolve, reject })),
}));

/** What reloadIfServed answers, and how often it was asked. */
const reload = vi.hoisted(() => ({ served: false, asked: 0 }));

vi.mock('../../../../src/ui/common/reloadIfServed.ts', () => ({
  reloadIfServed: () => {
    reload.asked++;
    return Promise.resolve(reload.served);
  },
}));

afterEach(() => {
  cleanup();
  text.ready = true;
  text.waits.length = 0;
  reload.served = false;
  reload.asked = 0;
});

function TestSheet(props: { title: string }): JSX.Element {
  return (
    <Sheet title={props.title} testId="test-sheet" onClose={() => undefined}>
      <p>inside</p>
    </Sheet>
  );
}

/** A load the test settles by hand, like a chunk on a slow network. */
function slowChunk() {
  const attempts: { resolve: (c: Component<{ title: string }>) => void; reject: (e: Error) => void }[] = [];
  const load = () => new Promise<Component<{ title: string }>>((resolve, reject) => attempts.push({ resolve, reject }));
  return { load, attempts };
}

describe('onDemand', () => {
  it('shows a status while the chunk loads, then the sheet with focus on its heading', async () => {
    const chunk = slowChunk();
    const Lazy = onDemand(chunk.load);
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    await renderVada(await makeWorld(), () => <Lazy title="Settings" />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    expect(screen.queryByTestId('test-sheet')).toBeNull();
    // Focus stays where the user was until there is a sheet to move it to.
    expect(document.activeElement).toBe(opener);
    chunk.attempts[0]?.resolve(TestSheet);
    const heading = await screen.findByRole('heading', { name: 'Settings' });
    expect(document.activeElement).toBe(heading);
    expect(screen.queryByTestId('sheet-loading')).toBeNull();
    opener.remove();
  });

  it('offers Try again and Close when the chunk cannot load, and loads it on Try again', async () => {
    const chunk = slowChunk();
    const Lazy = onDemand(chunk.load);
    const { store } = await renderVada(await makeWorld(), () => <Lazy title="Circles" />);
    store.ui.open({ kind: 'circles' });
    chunk.attempts[0]?.reject(new Error('offline'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Offline — no network');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(chunk.attempts).toHaveLength(2);
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    chunk.attempts[1]?.resolve(TestSheet);
    expect(await screen.findByRole('heading', { name: 'Circles' })).toBeInTheDocument();

    // Close on the refusal closes the panel.
    const other = slowChunk();
    const Broken = onDemand(other.load);
    cleanup();
    const second = await renderVada(await makeWorld(), () => <Broken title="Share" />);
    second.store.ui.open({ kind: 'circles' });
    other.attempts[0]?.reject(new Error('offline'));
    fireEvent.click(await screen.findByRole('button', { name: 'Close' }));
    expect(second.store.ui.panel().kind).toBe('none');
  });

  it('a Try again that fails too reloads the page when it answers, and keeps the alert when it does not', async () => {
    const chunk = slowChunk();
    const Lazy = onDemand(chunk.load);
    await renderVada(await makeWorld(), () => <Lazy title="Settings" />);
    chunk.attempts[0]?.reject(new TypeError('Failed to fetch dynamically imported module'));
    await screen.findByRole('alert');
    // The first failure came by itself: nothing reloads a page nobody asked to reload.
    expect(reload.asked).toBe(0);

    // Offline still (the page does not answer): the alert comes back, Try again stays.
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    chunk.attempts[1]?.reject(new TypeError('Failed to fetch dynamically imported module'));
    await screen.findByRole('alert');
    expect(reload.asked).toBe(1);

    // Back online, the chunk still fails (the browser remembers it) and the page answers: it reloads.
    reload.served = true;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    chunk.attempts[2]?.reject(new TypeError('Failed to fetch dynamically imported module'));
    await vi.waitFor(() => expect(reload.asked).toBe(2));
    await Promise.resolve();
    // The page is going away: the placeholder stays, no alert in the meantime.
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('renders at once, with no status, once the chunk was loaded (opened before or fetched ahead)', async () => {
    const chunk = slowChunk();
    const Lazy = onDemand(chunk.load);
    const ahead = Lazy.preload();
    chunk.attempts[0]?.resolve(TestSheet);
    await ahead;
    await renderVada(await makeWorld(), () => <Lazy title="List" />);
    expect(screen.getByRole('heading', { name: 'List' })).toBe(document.activeElement);
    expect(screen.queryByRole('status')).toBeNull();
    expect(chunk.attempts).toHaveLength(1);
  });

  it('waits for the rest of English along with the chunk, so a sheet never shows a missing message', async () => {
    text.ready = false;
    const chunk = slowChunk();
    const Lazy = onDemand(chunk.load);
    await renderVada(await makeWorld(), () => <Lazy title="Propose" />);
    chunk.attempts[0]?.resolve(TestSheet);
    await Promise.resolve();
    await Promise.resolve();
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    expect(screen.queryByTestId('test-sheet')).toBeNull();
    expect(text.waits).toHaveLength(1);
    text.ready = true;
    text.waits[0]?.resolve();
    expect(await screen.findByRole('heading', { name: 'Propose' })).toBe(document.activeElement);
  });

  it('offers Try again when the text cannot come, and fetches it again (the chunk only once)', async () => {
    text.ready = false;
    const chunk = slowChunk();
    const Lazy = onDemand(chunk.load);
    await renderVada(await makeWorld(), () => <Lazy title="List" />);
    chunk.attempts[0]?.resolve(TestSheet);
    text.waits[0]?.reject(new Error('offline'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Offline — no network');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(text.waits).toHaveLength(2);
    text.waits[1]?.resolve();
    expect(await screen.findByRole('heading', { name: 'List' })).toBeInTheDocument();
    expect(chunk.attempts).toHaveLength(1);
  });

  it('a chunk fetched ahead still waits for the text when it is not all here', async () => {
    const chunk = slowChunk();
    const Lazy = onDemand(chunk.load);
    const ahead = Lazy.preload();
    chunk.attempts[0]?.resolve(TestSheet);
    await ahead;
    text.ready = false;
    await renderVada(await makeWorld(), () => <Lazy title="Circles" />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    text.waits[0]?.resolve();
    expect(await screen.findByRole('heading', { name: 'Circles' })).toBeInTheDocument();
  });
});
