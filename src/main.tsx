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
import { openFallbackStore } from './platform/fallbackStore';
import { loadOrCreateIdentity } from './platform/keyStore';
import { browserNetwork } from './platform/networkStatus';
import { browserNotifications } from './platform/notifications';
import { openOutboxStore } from './platform/outboxStore';
import { openRecordStore } from './platform/recordStore';
import { openSavedAreaStore } from './platform/savedAreaStore';
import { registerServiceWorker } from './platform/serviceWorker';
import { openSettingsStore } from './platform/settingsStore';
import { browserSignals } from './platform/signals';
import { browserVisibility } from './platform/visibility';
import { browserWakeLock } from './platform/wakeLock';
import { openCircle } from './protocol';
import { createVadaStore, loadRuntimeConfig, originRelay, relaysFromQuery, VadaProvider } from './state';
import { createGunAdapter } from './sync/gunAdapter';
import { App } from './ui/App';
import { StartupError } from './ui/StartupError';

async function boot(root: HTMLElement): Promise<void> {
  // First, so the app shell gets cached even if the rest of the boot fails.
  const updates = registerServiceWorker();
  const settings = openSettingsStore();
  const saved = settings.load();
  setLocale(pickLocale([...(saved.locale ? [saved.locale] : []), ...navigator.languages]));
  const show = (view: () => ReturnType<typeof App>) => {
    root.textContent = '';
    render(view, root);
  };
  try {
    const [config, identity, records, circle, outbox] = await Promise.all([
      loadRuntimeConfig(location.origin),
      loadOrCreateIdentity(),
      openRecordStore(),
      openCircle(),
      openOutboxStore(),
    ]);
    // The relay's config lists relays to use besides this origin's own.
    const defaults = [...new Set([originRelay(location.origin), ...config.relays])];
    const session = relaysFromQuery(location.search);
    const initial = [...new Set([...(saved.relays ?? defaults), ...session])];
    const network = browserNetwork();
    const connect = (relays: readonly string[]) => createGunAdapter({ relays: [...relays], outbox, network });
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
            network,
            tiles: {
              policy: { tileUrl: config.tileUrl, bulkMaxZoom: config.tilesBulkMaxZoom },
              store: openSavedAreaStore(),
            },
            notifications: browserNotifications(),
            signals: browserSignals(),
            wakeLock: browserWakeLock(),
            visibility: browserVisibility(),
            fallbackStore: openFallbackStore(),
          });
          return (
            <VadaProvider store={store}>
              <App tileUrl={config.tileUrl} tileAttribution={config.tileAttribution} updates={updates} />
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
