import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationPort, NotifyPermission } from '../../../../src/platform/alertPorts';
import { SettingsSheet } from '../../../../src/ui/settings/SettingsSheet';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

/** A notification port whose permission prompt answers `answer`. */
function notifications(answer: NotifyPermission): NotificationPort & { asked: number } {
  let permission: NotifyPermission = 'default';
  const port = {
    asked: 0,
    permission: () => permission,
    request: () => {
      port.asked++;
      permission = answer;
      return Promise.resolve(answer);
    },
    show: () => Promise.resolve('shown' as const),
    onOpen: () => () => undefined,
  };
  return port;
}

describe('AlertSettings', () => {
  it('each control changes the stored alert settings', async () => {
    const world = await makeWorld();
    const { store } = await renderVada(world, () => <SettingsSheet />);
    const radius = screen.getByTestId('alert-radius') as HTMLSelectElement;
    expect([...radius.options].map((o) => o.textContent)).toEqual([
      'Followed points only',
      'Followed points and points within 500 m',
      'Followed points and points within 1 km',
      'Followed points and points within 2 km',
      'Followed points and points within 5 km',
    ]);
    fireEvent.change(radius, { target: { value: '1000' } });
    expect(store.alerts.settings().radiusM).toBe(1000);

    const vibrate = screen.getByTestId('alert-vibrate') as HTMLInputElement;
    expect(vibrate.checked).toBe(store.alerts.settings().vibrate);
    fireEvent.click(vibrate);
    expect(store.alerts.settings().vibrate).toBe(vibrate.checked);
    fireEvent.click(screen.getByTestId('alert-sound'));
    expect(store.alerts.settings().sound).toBe(true);

    fireEvent.change(screen.getByTestId('lock-screen-text'), { target: { value: 'kind' } });
    expect(store.alerts.settings().lockScreen).toBe('kind');
    expect(screen.getByText(/Anyone who sees your locked phone/)).toBeInTheDocument();

    const discreet = screen.getByTestId('discreet-text') as HTMLInputElement;
    expect(discreet.maxLength).toBe(40);
    fireEvent.change(discreet, { target: { value: 'Weather' } });
    expect(store.alerts.settings().discreetText).toBe('Weather');
    fireEvent.change(discreet, { target: { value: '   ' } });
    expect(store.alerts.settings().discreetText).toBe('Weather');
  });

  it('asks for notification permission on the tap and turns notify on when granted', async () => {
    const world = await makeWorld();
    const port = notifications('granted');
    const { store } = await renderVada(world, () => <SettingsSheet />, { notifications: port });
    expect(screen.queryByText(/Notifications are blocked/)).toBeNull();
    fireEvent.click(screen.getByTestId('alert-notify'));
    await waitFor(() => expect(store.alerts.settings().notify).toBe(true));
    expect(port.asked).toBe(1);
    await waitFor(() => expect(screen.getByTestId('alert-notify')).toBeChecked());
    expect(screen.queryByText(/Notifications are blocked/)).toBeNull();
  });

  it('says clearly that alerts show only in the app when notifications are denied', async () => {
    const world = await makeWorld();
    const port = notifications('denied');
    const { store } = await renderVada(world, () => <SettingsSheet />, { notifications: port });
    fireEvent.click(screen.getByTestId('alert-notify'));
    const note = await screen.findByTestId('alerts-degraded');
    expect(note).toHaveTextContent('Notifications are blocked — alerts show only while Vada is open');
    expect(store.alerts.settings().notify).toBe(false);
    await waitFor(() => expect(screen.getByTestId('alert-notify')).not.toBeChecked());
  });

  it('says so when the browser has no notifications at all', async () => {
    const world = await makeWorld();
    await renderVada(world, () => <SettingsSheet />);
    expect(screen.getByTestId('alerts-degraded')).toHaveTextContent(
      'Notifications are blocked — alerts show only while Vada is open',
    );
  });

  it('shows this device key: fingerprint, the full key, and a copy button', async () => {
    const world = await makeWorld();
    const { store } = await renderVada(world, () => <SettingsSheet />);
    const key = screen.getByTestId('my-key');
    expect(key).toHaveTextContent(`Your public key: ${store.myKey.slice(0, 4)}-${store.myKey.slice(4, 8)}`);
    expect(screen.getByTestId('my-key-full')).toHaveValue(store.myKey);
    fireEvent.click(screen.getByTestId('my-key-copy'));
    // jsdom has no clipboard: the key is selected for copying by hand, and the user is told.
    expect(await screen.findByTestId('my-key-copied')).toHaveTextContent('Could not copy');
  });
});
