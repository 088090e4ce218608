/**
 * A component whose code is loaded the first time it is shown (a dynamic
 * `import()`, its own chunk), then rendered synchronously ever after. While
 * it loads, a small status; when it cannot load (offline before the service
 * worker cached it), a retry. Not Solid's `lazy` + `<Suspense>`: a Suspense
 * boundary around a sheet would also catch the resources read inside it (the
 * dispersal form's fallbacks) and pull the open sheet out of the page, and
 * its focus with it, each time one of them reloads.
 */
import { createComponent, createSignal, Show, type Component, type JSX } from 'solid-js';
import { SheetLoadFailed, SheetLoading } from './SheetPending';

/** An on-demand component: rendered like the real one, plus `preload()` to fetch its chunk ahead. */
export interface OnDemand<P extends object> {
  (props: P): JSX.Element;
  /** Fetches the chunk (once; again after a failure). */
  preload(): Promise<Component<P>>;
}

/** Wraps `load` (a dynamic import of the component) as a component shown in a sheet's place. */
export function onDemand<P extends object>(load: () => Promise<Component<P>>): OnDemand<P> {
  let loaded: Component<P> | undefined;
  let pending: Promise<Component<P>> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (c) => (loaded = c),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    ));
  const Wrapped = (props: P): JSX.Element => {
    // Already here (opened before, or fetched while idle): shown at once, as if imported statically.
    const [component, setComponent] = createSignal<Component<P> | undefined>(loaded);
    const [failed, setFailed] = createSignal(false);
    const attempt = () => {
      setFailed(false);
      preload().then(
        (c) => setComponent(() => c),
        () => setFailed(true),
      );
    };
    if (!loaded) attempt();
    return (
      <Show
        when={component()}
        keyed
        fallback={
          <Show when={failed()} fallback={<SheetLoading />}>
            {<SheetLoadFailed retry={attempt} />}
          </Show>
        }
      >
        {(c) => createComponent(c, props)}
      </Show>
    );
  };
  return Object.assign(Wrapped, { preload });
}
