/** The one store, reached through context (useVada) by every component. */
import { createContext, useContext, type JSX } from 'solid-js';
import type { VadaStore } from './createVadaStore';

const VadaContext = createContext<VadaStore>();

export function VadaProvider(props: { store: VadaStore; children: JSX.Element }): JSX.Element {
  // eslint-disable-next-line solid/reactivity -- the store object itself never changes
  return <VadaContext.Provider value={props.store}>{props.children}</VadaContext.Provider>;
}

/** The store; throws when used outside <VadaProvider> (a wiring bug, not a user error). */
export function useVada(): VadaStore {
  const store = useContext(VadaContext);
  if (!store) throw new Error('useVada() needs a <VadaProvider>');
  return store;
}
