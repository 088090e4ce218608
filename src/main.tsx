/**
 * Boot: language, runtime config, the device's author key, stored records,
 * the open circle and the relays (settings + `?relay=`, default this origin's
 * /gun), then the GUN adapter and the app. Any failure on the way shows a
 * clear message instead of a blank page.
 */
import { ErrorBoundary, render } from 'solid-js/web';
import './ui/app.css';
import { systemClock } from './domain';
import { pickLocale, setLocale } from './i18n';
import { loadOrCreateIdentity } from './platform/keyStore';
import { openRecordStore } from './platform/recordStore';
import { openSettingsStore } from './platform/settingsStore';
import { openCircle } from './protocol';
import { createVadaStore, loadRuntimeConfig, originRelay, relaysFromQuery, VadaProvider } from './state';
import { createGunAdapter } from './sync/gunAdapter';
import { App } from './ui/App';
import { StartupError } from './ui/StartupError';

async function boot(root: HTMLElement): Promise<void> {
  const settings = openSettingsStore();
  const saved = settings.load();
  setLocale(pickLocale([...(saved.locale ? [saved.locale] : []), ...navigator.languages]));
  const show = (view: () => ReturnType<typeof App>) => {
    root.textContent = '';
    render(view, root);
  };
  try {
    const [config, identity, records, circle] = await Promise.all([
      loadRuntimeConfig(location.origin),
      loadOrCreateIdentity(),
      openRecordStore(),
      openCircle(),
    ]);
    // The relay's config lists relays to use besides this origin's own.
    const defaults = [...new Set([originRelay(location.origin), ...config.relays])];
    const session = relaysFromQuery(location.search);
    const initial = [...new Set([...(saved.relays ?? defaults), ...session])];
    const connect = (relays: readonly string[]) => createGunAdapter({ relays: [...relays] });
    show(() => (
      <ErrorBoundary fallback={(error) => <StartupError error={error} />}>
        {(() => {
          const store = createVadaStore({
            sync: connect(initial),
            records,
            identity,
            circle,
            clock: systemClock,
            settings,
            relays: { defaults, session, connect },
          });
          return (
            <VadaProvider store={store}>
              <App tileUrl={config.tileUrl} tileAttribution={config.tileAttribution} />
            </VadaProvider>
          );
        })()}
      </ErrorBoundary>
    ));
  } catch (error) {
    console.error(error);
    show(() => <StartupError error={error} />);
  }
}

const root = document.getElementById('root');
if (root) void boot(root);
