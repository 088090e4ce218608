/**
 * Makes the panic wipe reachable from anywhere in the app (Settings and the
 * quick gesture) and shows its confirmation above everything. Without a
 * provider (tests of other components) the panic controls render nothing.
 */
import { createContext, createSignal, Show, useContext, type Accessor, type JSX } from 'solid-js';
import type { PanicGesture, SettingsStore } from '../../platform/settingsStore';
import { PanicWipeConfirm } from './PanicWipeConfirm';

export interface PanicWipeControl {
  /** What the quick gesture does. */
  gesture: Accessor<PanicGesture>;
  setGesture(g: PanicGesture): void;
  /** True while the confirmation is shown. */
  asking: Accessor<boolean>;
  ask(): void;
  cancel(): void;
  /** True once the wipe started (the page is about to leave). */
  wiping: Accessor<boolean>;
  /** Wipes at once, without asking. */
  wipeNow(): void;
}

const PanicWipeContext = createContext<PanicWipeControl>();

export function usePanicWipe(): PanicWipeControl | undefined {
  return useContext(PanicWipeContext);
}

export function PanicWipeProvider(props: {
  settings: SettingsStore;
  /** The wipe itself: src/platform/panicWipe.ts from the boot, a fake in tests. */
  wipe: () => Promise<unknown>;
  children: JSX.Element;
}): JSX.Element {
  // The settings store is fixed for the app's life; only its initial value is read here.
  // eslint-disable-next-line solid/reactivity
  const settings = props.settings;
  const [gesture, setGestureSignal] = createSignal<PanicGesture>(settings.load().panicGesture ?? 'ask');
  const [asking, setAsking] = createSignal(false);
  const [wiping, setWiping] = createSignal(false);
  const control: PanicWipeControl = {
    gesture,
    setGesture(g) {
      setGestureSignal(g);
      settings.save({ panicGesture: g });
    },
    asking,
    ask: () => setAsking(true),
    cancel: () => setAsking(false),
    wiping,
    wipeNow() {
      if (wiping()) return;
      setWiping(true);
      void props.wipe();
    },
  };
  return (
    <PanicWipeContext.Provider value={control}>
      {props.children}
      <Show when={asking()}>
        <PanicWipeConfirm />
      </Show>
    </PanicWipeContext.Provider>
  );
}
