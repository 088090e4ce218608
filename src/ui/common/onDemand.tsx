/**
 * A component whose code is loaded the first time it is shown (a dynamic
 * `import()`, its own chunk), then rendered synchronously ever after. While
 * it loads, a small status; when it cannot load (offline before the service
 * worker cached it), a retry. Not Solid's `lazy` + `<Suspense>`: a Suspense
 * boundary around a sheet would also catch the resources read inside it (the
 * dispersal form's fallbacks) and pull the open sheet out of the page, and
 * its focus with it, each time one of them reloads.
 *
 * Loading a sheet includes its text: in English, what the first screen does
 * not show is its own chunk (src/i18n/t.ts), so a sheet waits for it too and
 * never shows a message missing; a failure of either gives the same retry.
 *
 * Try again loads again; when that fails too while the app's address answers,
 * the failure is the browser's memory of the chunk (Chromium keeps a failed
 * chunk failed for the page's lifetime) and the page reloads (./reloadIfServed.ts).
 */
import { createComponent, createSignal, Show, type Component, type JSX } from 'solid-js';
import { textReady, whenTextReady } from '../../i18n';
import { reloadIfServed } from './reloadIfServed';
import { SheetLoadFailed, SheetLoading } from './SheetPending';

/** An on-demand component: rendered like the real one, plus `preload()` to fetch its chunk ahead. */
export interface OnDemand<P extends object> {
  (props: P): JSX.Element;
  /** Fetches the chunk (once; again after a failure) and the active language's text if it is not all here. */
  preload(): Promise<Component<P>>;
}

/** Wraps `load` (a dynamic import of the component) as a component shown in a sheet's place. */
export function onDemand<P extends object>(load: () => Promise<Component<P>>): OnDemand<P> {
  let loaded: Component<P> | undefined;
  let pending: Promise<Component<P>> | undefined;
  const fetchComponent = () =>
    (pending ??= load().then(
      (c) => (loaded = c),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    ));
  const preload = async () => (await Promise.all([fetchComponent(), whenTextReady()]))[0];
  const Wrapped = (props: P): JSX.Element => {
    // Already here (opened before, or fetched while idle) with its text: shown at once, as if imported statically.
    const ready = textReady() ? loaded : undefined;
    const [component, setComponent] = createSignal<Component<P> | undefined>(ready);
    const [failed, setFailed] = createSignal(false);
    /** `tapped`: the person asked (Try again), so a reload may be the answer; never on its own. */
    const attempt = (tapped: boolean) => {
      setFailed(false);
      preload().then(
        (c) => setComponent(() => c),
        async () => {
          // The page is going away: the placeholder stays until it does.
          if (tapped && (await reloadIfServed())) return;
          setFailed(true);
        },
      );
    };
    if (!ready) attempt(false);
    return (
      <Show
        when={component()}
        keyed
        fallback={
          <Show when={failed()} fallback={<SheetLoading />}>
            {<SheetLoadFailed retry={() => attempt(true)} />}
          </Show>
        }
      >
        {(c) => createComponent(c, props)}
      </Show>
    );
  };
  return Object.assign(Wrapped, { preload });
}
