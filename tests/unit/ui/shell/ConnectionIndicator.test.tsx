/** The connection indicator tells "offline", "no relay" and "connected" apart, with last sync and unsent count; send state lines follow the queue. */
import { screen } from '@solidjs/testing-library';
import { createSignal, Show } from 'solid-js';
import { afterEach, expect, it } from 'vitest';
import type { NetworkSource } from '../../../../src/platform/networkStatus';
import { emptyDraft } from '../../../../src/state';
import { ConnectionIndicator } from '../../../../src/ui/shell/ConnectionIndicator';
import { createMemoryAdapter } from '../../../../src/sync/memoryAdapter';
import type { SyncAdapter } from '../../../../src/sync/SyncAdapter';
import { SendStateLine } from '../../../../src/ui/points/SendStateLine';
import type { RecordId } from '../../../../src/domain';
import { waitFor } from '../../../fixtures/records';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

function switchableNetwork(): NetworkSource & { set(on: boolean): void } {
  let on = true;
  let listener: (on: boolean) => void = () => {};
  return { online: () => on, watch: (l) => ((listener = l), () => {}), set: (next) => listener((on = next)) };
}

it('shows offline, no relay, then connected with the unsent count and the sent time', async () => {
  const world = await makeWorld();
  const network = switchableNetwork();
  const r = await renderVada(world, () => <ConnectionIndicator />, { network });
  const status = screen.getByTestId('connection-status');
  expect(status).toHaveAttribute('data-mode', 'connected');
  expect(status).toHaveTextContent('Connected to 1 relay');

  network.set(false);
  world.hub.setReachable(false);
  expect(status).toHaveAttribute('data-mode', 'offline');
  expect(status).toHaveTextContent('Offline — no network');
  const res = await r.store.propose({ ...emptyDraft(53.9, 27.56), title: 'Queued' });
  if (!res.ok) throw new Error('refused');
  await waitFor(() => status.getAttribute('data-unsent') === '1', 'unsent count');
  expect(screen.getByTestId('unsent-count')).toHaveTextContent('1 not sent yet');

  network.set(true);
  expect(status).toHaveAttribute('data-mode', 'no-relay');
  expect(status).toHaveTextContent('No relay reachable — working locally');

  world.hub.setReachable(true);
  await waitFor(() => status.getAttribute('data-unsent') === '0', 'queue drained');
  expect(status).toHaveAttribute('data-mode', 'connected');
  expect(screen.queryByTestId('unsent-count')).toBeNull();
  expect(r.store.sendState(res.id)).toEqual({ state: 'sent', at: world.clock.now() });
});

it('renders a send state line only for own records: not sent yet, then sent at a clock time', async () => {
  const world = await makeWorld();
  world.hub.setReachable(false);
  const [id, setId] = createSignal<RecordId>();
  const r = await renderVada(world, () => <Show when={id()}>{(x) => <SendStateLine id={x()} />}</Show>);
  const res = await r.store.propose({ ...emptyDraft(53.9, 27.56), title: 'Mine' });
  if (!res.ok) throw new Error('refused');
  setId(res.id);
  const line = await screen.findByTestId('send-state');
  expect(line).toHaveAttribute('data-send-state', 'unsent');
  expect(line).toHaveTextContent('Not sent yet');
  world.hub.setReachable(true);
  await waitFor(() => screen.getByTestId('send-state').getAttribute('data-send-state') === 'sent', 'sent');
  expect(screen.getByTestId('send-state').textContent).toMatch(/^Sent at \d{1,2}:\d{2}/);
  // Another device's record has no send state here: nothing is rendered.
  setId('A'.repeat(43) as RecordId);
  expect(screen.queryByTestId('send-state')).toBeNull();
});

it('tells the user when a relay refused a record', async () => {
  const world = await makeWorld();
  const id = 'B'.repeat(43) as RecordId;
  const base = createMemoryAdapter(world.hub, { clock: world.clock });
  const refusing: SyncAdapter = {
    ...base,
    onSend: (l) => (l(id, { state: 'refused', reason: 'refused: bad-id' }), () => {}),
  };
  await renderVada(world, () => <SendStateLine id={id} />, { sync: refusing });
  const line = await screen.findByTestId('send-state');
  expect(line).toHaveAttribute('data-send-state', 'refused');
  expect(line).toHaveTextContent('Refused by the relay — not sent');
});
