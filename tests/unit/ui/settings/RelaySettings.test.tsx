import { fireEvent, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySettingsStore } from '../../../../src/platform/settingsStore';
import { ConnectionIndicator } from '../../../../src/ui/shell/ConnectionIndicator';
import { RelaySettings } from '../../../../src/ui/settings/RelaySettings';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { offlineSync } from '../../../fixtures/offlineSync';
import { makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

const offline = offlineSync();

describe('RelaySettings', () => {
  it('validates the address form and lists, adds and removes relays', async () => {
    const world = await makeWorld();
    const settings = createMemorySettingsStore();
    const connected: string[][] = [];
    await renderVada(world, () => <RelaySettings />, {
      settings,
      relays: {
        defaults: ['http://127.0.0.1:8765/gun'],
        session: ['https://s.example/gun'],
        connect: (list) => (connected.push([...list]), offline),
      },
    });
    const items = () => screen.getAllByRole('listitem').map((li) => li.getAttribute('data-relay-url'));
    expect(items()).toEqual(['http://127.0.0.1:8765/gun', 'https://s.example/gun']);
    expect(screen.getByText('this session only')).toBeInTheDocument();

    const input = screen.getByLabelText('Relay address');
    for (const [bad, message] of [
      ['ftp://relay.example/gun', 'Use an http://, https://, ws:// or wss:// address.'],
      ['https://relay.example/', 'The address must end in /gun.'],
      ['not a url', 'That is not a web address.'],
    ]) {
      fireEvent.input(input, { target: { value: bad } });
      fireEvent.click(screen.getByTestId('relay-add'));
      expect(screen.getByTestId('relay-error')).toHaveTextContent(message as string);
      expect(input).toHaveAttribute('aria-invalid', 'true');
    }
    // wss:// is kept in its https:// spelling (GUN opens it as wss:// again).
    fireEvent.input(input, { target: { value: 'wss://relay.example/gun' } });
    fireEvent.click(screen.getByTestId('relay-add'));
    expect(screen.queryByTestId('relay-error')).toBeNull();
    expect(items()).toContain('https://relay.example/gun');
    expect(settings.load().relays).toEqual(['http://127.0.0.1:8765/gun', 'https://relay.example/gun']);

    fireEvent.click(screen.getByRole('button', { name: 'Remove relay http://127.0.0.1:8765/gun' }));
    expect(items()).toEqual(['https://relay.example/gun', 'https://s.example/gun']);
    // Every change reconnected with the new list.
    await Promise.resolve();
    expect(connected.at(-1)).toEqual(['https://relay.example/gun', 'https://s.example/gun']);
  });

  it('takes a hotspot relay as wss:// or https:// (one relay, one entry) and says what to do first', async () => {
    const settings = createMemorySettingsStore();
    await renderVada(await makeWorld(), () => <RelaySettings />, {
      settings,
      relays: { defaults: ['https://vada.example/gun'], session: [], connect: () => offline },
    });
    const input = screen.getByLabelText('Relay address');
    const add = (value: string) => {
      fireEvent.input(input, { target: { value } });
      fireEvent.click(screen.getByTestId('relay-add'));
    };
    add(' wss://192.168.43.1:8765/gun ');
    expect(screen.queryByTestId('relay-error')).toBeNull();
    expect(settings.load().relays).toEqual(['https://vada.example/gun', 'https://192.168.43.1:8765/gun']);
    add('https://192.168.43.1:8765/gun');
    expect(screen.getByTestId('relay-error')).toHaveTextContent('This relay is already in the list.');
    add('wss://[fd00::1]:8765/gun');
    expect(settings.load().relays).toContain('https://[fd00::1]:8765/gun');

    const help = screen.getByTestId('relay-hotspot-help').textContent ?? '';
    expect(help).toMatch(/open its https:\/\/ address once in this browser/);
    expect(help).toMatch(/compare the certificate’s fingerprint with the one on the relay’s screen/);
    expect(help).toMatch(/allow access to devices on your local network, allow it/);
  });
});

describe('ConnectionIndicator', () => {
  it('counts connected relays, politely announced', async () => {
    const world = await makeWorld();
    await renderVada(world, () => <ConnectionIndicator />);
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Connected to 1 relay');
    expect(status).toHaveAttribute('aria-live', 'polite');
  });

  it('says it works locally when no relay is reachable', async () => {
    const world = await makeWorld();
    await renderVada(world, () => <ConnectionIndicator />, { sync: offline });
    expect(screen.getByRole('status')).toHaveTextContent('No relay reachable — working locally');
  });
});
