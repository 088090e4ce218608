/** The panic wipe UI: the red Settings button, its confirmation, the gesture setting and the triple-tap gesture. */
import { fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySettingsStore, parseSettings, type PanicGesture } from '../../../../src/platform/settingsStore';
import { ConnectionIndicator } from '../../../../src/ui/shell/ConnectionIndicator';
import { PanicWipeProvider } from '../../../../src/ui/safety/PanicWipeProvider';
import { PanicWipeSettings } from '../../../../src/ui/safety/PanicWipeSettings';
import { makeTapCounter, usePanicGesture } from '../../../../src/ui/safety/usePanicGesture';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

/** The gesture's target as ConnectionIndicator wires it (the real indicator is checked once, below). */
function GestureTarget() {
  const tap = usePanicGesture();
  return <p data-testid="connection-status" onClick={() => tap()} />;
}

async function setup(gesture?: PanicGesture, opts: { realIndicator?: boolean } = {}) {
  const settings = createMemorySettingsStore(gesture ? { panicGesture: gesture } : {});
  let wipes = 0;
  const wipe = () => ((wipes += 1), Promise.resolve(5));
  const view = () => (
    <PanicWipeProvider settings={settings} wipe={wipe}>
      {opts.realIndicator ? <ConnectionIndicator /> : <GestureTarget />}
      <PanicWipeSettings />
    </PanicWipeProvider>
  );
  if (opts.realIndicator) await renderVada(await makeWorld(), view);
  else render(view);
  const tap = (n: number) => {
    for (let i = 0; i < n; i++) fireEvent.click(screen.getByTestId('connection-status'));
  };
  return { settings, wipes: () => wipes, tap };
}

describe('makeTapCounter', () => {
  const counter = () => {
    let now = 0;
    const tap = makeTapCounter(() => now);
    return (at: number) => ((now = at), tap());
  };

  it('fires on the third tap within 1.2 s, not on two', () => {
    const tap = counter();
    expect([tap(0), tap(300), tap(1200)]).toEqual([false, false, true]);
  });

  it('does not fire for slow taps, and starts over after firing', () => {
    const tap = counter();
    expect([tap(0), tap(700), tap(1300), tap(2600), tap(3900)]).toEqual([false, false, false, false, false]);
    expect([tap(4000), tap(4100)]).toEqual([false, true]);
    expect([tap(4200), tap(4300)]).toEqual([false, false]);
    expect(tap(4400)).toBe(true);
  });
});

describe('panic gesture on the connection line', () => {
  it("'ask' (the default) opens the confirmation after three taps; confirming wipes once", async () => {
    const s = await setup();
    s.tap(2);
    expect(screen.queryByTestId('panic-confirm')).toBeNull();
    s.tap(1);
    expect(screen.getByRole('alertdialog')).toHaveTextContent('This cannot be undone');
    expect(s.wipes()).toBe(0);
    fireEvent.click(screen.getByTestId('panic-confirm'));
    fireEvent.click(screen.getByTestId('panic-confirm'));
    expect(s.wipes()).toBe(1);
    expect(screen.getByTestId('panic-confirm')).toBeDisabled();
  });

  it("'immediate' wipes on the third tap without asking", async () => {
    const s = await setup('immediate');
    s.tap(2);
    expect(s.wipes()).toBe(0);
    s.tap(1);
    expect(s.wipes()).toBe(1);
    expect(screen.queryByTestId('panic-confirm')).toBeNull();
  });

  it('is wired to the real connection status line', async () => {
    const s = await setup('immediate', { realIndicator: true });
    s.tap(3);
    expect(s.wipes()).toBe(1);
  });

  it("'off' ignores taps", async () => {
    const s = await setup('off');
    s.tap(6);
    expect(s.wipes()).toBe(0);
    expect(screen.queryByTestId('panic-confirm')).toBeNull();
  });
});

describe('Settings › Panic wipe', () => {
  it('the red button asks first; "Keep my data" closes without wiping', async () => {
    const s = await setup();
    const button = screen.getByTestId('panic-wipe');
    expect(button).toHaveClass('danger');
    expect(button).toHaveTextContent('Erase everything on this phone');
    fireEvent.click(button);
    fireEvent.click(screen.getByTestId('panic-cancel'));
    expect(screen.queryByTestId('panic-confirm')).toBeNull();
    expect(s.wipes()).toBe(0);
  });

  it('the gesture setting is saved and, set to immediate, makes the button wipe at once', async () => {
    const s = await setup();
    const select = screen.getByTestId('panic-gesture') as HTMLSelectElement;
    expect(select.value).toBe('ask');
    fireEvent.change(select, { target: { value: 'immediate' } });
    expect(s.settings.load().panicGesture).toBe('immediate');
    fireEvent.click(screen.getByTestId('panic-wipe'));
    expect(s.wipes()).toBe(1);
    expect(screen.queryByTestId('panic-confirm')).toBeNull();
  });

  it('stored gesture values are parsed defensively', () => {
    expect(parseSettings(JSON.stringify({ panicGesture: 'off' })).panicGesture).toBe('off');
    expect(parseSettings(JSON.stringify({ panicGesture: 'immediate' })).panicGesture).toBe('immediate');
    for (const bad of ['nuke', 3, null, { a: 1 }, 'ASK'])
      expect(parseSettings(JSON.stringify({ panicGesture: bad })).panicGesture).toBeUndefined();
  });
});
