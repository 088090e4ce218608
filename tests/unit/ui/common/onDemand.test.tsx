/**
 * On-demand sheets (src/ui/common/onDemand.tsx, used for every sheet by
 * src/ui/shell/lazySheets.ts): a small status while the chunk arrives, then
 * the sheet with focus moved into it as if it had been there all along; a
 * chunk that cannot load gives a retry and a close instead of breaking the
 * app; once loaded, the sheet renders at once the next time.
 */
import { cleanup, fireEvent, screen } from '@solidjs/testing-library';
import type { Component, JSX } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import { onDemand } from '../../../../src/ui/common/onDemand';
import { Sheet } from '../../../../src/ui/common/Sheet';
import { renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

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
});
