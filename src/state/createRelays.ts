/**
 * The relay list: the user's saved choice (or the defaults) plus relays added
 * for this session by `?relay=` links. Saved changes persist in settings;
 * whoever owns the transport reacts to relays() changing.
 */
import { createSignal, type Accessor } from 'solid-js';
import type { SettingsStore } from '../platform/settingsStore';
import { checkRelayUrl, type RelayUrlError } from './relayUrl';

export interface RelaySlice {
  /** Every relay to connect to now. */
  readonly relays: Accessor<readonly string[]>;
  /** The persistent list (saved or default). */
  readonly saved: Accessor<readonly string[]>;
  /** Added by the link that opened this page; forgotten when it closes. */
  readonly session: Accessor<readonly string[]>;
  readonly usingDefaults: Accessor<boolean>;
  /** Adds a relay to the saved list; returns why not, if it was refused. */
  add(input: string): RelayUrlError | 'duplicate' | undefined;
  remove(url: string): void;
  /** Back to the default relays. */
  reset(): void;
}

export function createRelays(deps: {
  settings: SettingsStore;
  defaults: readonly string[];
  session: readonly string[];
}): RelaySlice {
  const stored = deps.settings.load().relays;
  const [custom, setCustom] = createSignal<readonly string[] | undefined>(stored);
  const [session, setSession] = createSignal<readonly string[]>(deps.session);
  const saved = () => custom() ?? deps.defaults;
  const persist = (list: readonly string[] | undefined) => {
    setCustom(list);
    deps.settings.save({ relays: list });
  };
  let last: readonly string[] = [];
  const relays = () => {
    const next = [...new Set([...saved(), ...session()])];
    // Same list, same array: nobody reconnects for nothing.
    if (next.length === last.length && next.every((r, i) => r === last[i])) return last;
    return (last = next);
  };
  return {
    relays,
    saved,
    session,
    usingDefaults: () => custom() === undefined,
    add(input) {
      const r = checkRelayUrl(input);
      if (!r.ok) return r.error;
      if (relays().includes(r.url)) return 'duplicate';
      persist([...saved(), r.url]);
      return undefined;
    },
    remove(url) {
      if (session().includes(url)) setSession(session().filter((r) => r !== url));
      if (saved().includes(url)) persist(saved().filter((r) => r !== url));
    },
    reset: () => persist(undefined),
  };
}
