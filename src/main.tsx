/**
 * Boot: first whether this page is a secure context at all (else an
 * explanation of which https address to open, and nothing else runs), then
 * the invite fragment (read and stripped from the address bar
 * before anything else runs), then language, runtime config, the device's
 * author key, stored records, the open circle and the private ones, and the
 * relays (settings + `?relay=`, default this origin's /gun), then the GUN
 * adapter bridged with the page's one link adapter (nearby phones, loaded on
 * the first pairing), and the app. Any failure on the way shows a clear message instead of a blank page.
 * The entry holds what the first paint needs; GUN, the sheets, the PIN unlock
 * and workbox-window are chunks of their own (docs/decisions/code-splitting.md).
 */
import { ErrorBoundary, render } from 'solid-js/web';
import './ui/shell/app.css';
import { makeCorrectedClock, systemClock } from './domain';
import { pickLocale, setLocale, whenTextReady } from './i18n';
import { openCircleStore } from './platform/circleStore';
import { openFallbackStore } from './platform/fallbackStore';
import { inviteProblem } from './domain/inviteProblem';
import { takeInviteFragment } from './platform/inviteFragment';
import { loadOrCreateIdentity } from './platform/keyStore';
import { browserNetwork } from './platform/networkStatus';
import { browserNotifications } from './platform/notifications';
import { openOutboxStore } from './platform/outboxStore';
import { phoneLinkLazily } from './platform/loadPhoneLink';
import { panicWipe } from './platform/panicWipe';
import { loadPinRecord } from './platform/pinRecord';
import { loadPinUnlock } from './platform/loadPinUnlock';
import { whenIdle } from './platform/loadWhenIdle';
import { openRecordStore } from './platform/recordStore';
import { exportSavedAreaLazily, openPackStoreLazily, openRelayPackLazily } from './platform/loadPackStore';
import { isPackFile } from './domain/packFileName';
import { onLaunchedFiles, takeSharedPack, takeSharedText } from './platform/receivedBundles';
import { secureContextProblem } from './platform/secureContext';
import { registerServiceWorker, sendTileTrail } from './platform/serviceWorker';
import { openSettingsStore } from './platform/settingsStore';
import { browserSignals } from './platform/signals';
import { browserVisibility } from './platform/visibility';
import { browserWakeLock } from './platform/wakeLock';
import { browserVerifier } from './platform/verifyWorker';
import { openCircle } from './protocol/circle';
import { createVadaStore, loadCircles, loadRuntimeConfig, originRelay, relaysFromQuery, VadaProvider } from './state';
import { secureAddress } from './state/secureAddress';
import { bridgeAdapters } from './sync/bridgeAdapter';
import { deferredAdapter } from './sync/deferredAdapter';
import { deferredLinkAdapter } from './sync/deferredLinkAdapter';
import { App } from './ui/shell/App';
import { preloadSheets } from './ui/shell/lazySheets';
import { PanicWipeProvider } from './ui/safety/PanicWipeProvider';
import { SecureContextHelp } from './ui/shell/SecureContextHelp';
import { StartupError } from './ui/shell/StartupError';

/**
 * A page opened over plain http (a phone on a laptop relay's LAN address)
 * gets no WebCrypto and no service worker: explain which https address to
 * open, touching neither crypto nor storage. Only the TLS port comes from the
 * relay's config; the host is this page's own.
 */
/** The saved or browser language; English when its text cannot be fetched (never a blank start). */
async function startLocale(preferred: readonly string[]): Promise<void> {
  await setLocale(pickLocale(preferred)).catch(() => setLocale('en'));
}

async function explainSecureAddress(root: HTMLElement): Promise<void> {
  await startLocale([...navigator.languages]);
  const config = await loadRuntimeConfig(location.origin);
  root.textContent = '';
  render(
    () => (
      <SecureContextHelp
        address={secureAddress(location.href, config.tlsPort)}
        relayHasTls={config.tlsPort !== undefined}
      />
    ),
    root,
  );
}

/** The relay adapter's chunk (GUN): one fetch, shared by every relay list the page connects to. */
const loadGun = () => import('./sync/gunAdapter');

async function boot(root: HTMLElement): Promise<void> {
  const problem = secureContextProblem();
  if (problem === 'insecure') {
    // An invite key leaves the address bar here too; it is not carried to the https address.
    takeInviteFragment();
    return explainSecureAddress(root);
  }
  if (problem === 'no-crypto') {
    render(() => <StartupError error={new Error('This browser has no WebCrypto (crypto.subtle).')} />, root);
    return;
  }
  // Before anything else (even the service worker): the fragment may hold a circle key.
  const fragment = takeInviteFragment();
  // The relay code (GUN) is fetched alongside the stores' opening, not before the first paint.
  void loadGun().catch(() => undefined);
  // Also early: the marker of a share leaves the address bar at once.
  const shared = takeSharedText();
  // Before unlocking only the clear settings can be read (with a PIN: just the language, sealedSettings.ts).
  const clearSettings = openSettingsStore();
  const locale = clearSettings.load().locale;
  await startLocale([...(locale ? [locale] : []), ...navigator.languages]);
  // With an app PIN, nothing that reads stored data runs before the right PIN installed its codec; nor does
  // the worker registration, which a duress PIN's wipe could otherwise race (the worker is installed already).
  const pin = loadPinRecord();
  // Browsed tile URLs are coordinates the PIN does not seal: with a PIN the installed worker keeps none and
  // deletes its trail. Told before the lock screen (no key needed), so before any tile is requested.
  const trailTold = sendTileTrail(!pin);
  // The lock screen and the sealed stores are their own chunk, loaded at start only on a phone with a PIN.
  const locking = pin
    ? // The lock screen's words are in the rest of English (src/i18n/enRest.ts): they come with it.
      await Promise.all([loadPinUnlock(), import('./ui/safety/LockScreen'), whenTextReady()]).catch(
        (error: unknown) => {
          // Offline before the worker cached it: say so rather than stay on the boot line.
          root.textContent = '';
          render(() => <StartupError error={error} />, root);
          return null;
        },
      )
    : undefined;
  if (locking === null) return;
  const locked = locking?.[0];
  if (pin && locking) {
    const [unlocking, { waitForUnlock }] = locking;
    await waitForUnlock(root, {
      unlock: (entered) => unlocking.unlockWithPin(pin, entered),
      install: unlocking.setAtRest,
      wipe: panicWipe,
    });
    // A worker that did not answer (still starting, or none yet) is told again before the map shows.
    if (!(await trailTold)) await sendTileTrail(false);
  }
  // Next, so the app shell gets cached even if the rest of the boot fails.
  const updates = registerServiceWorker({ keepTileTrail: !pin });
  const show = (view: () => ReturnType<typeof App>) => {
    root.textContent = '';
    render(view, root);
  };
  try {
    const settings = locked ? await locked.openSealedSettingsStore() : clearSettings;
    const saved = settings.load();
    // Rows sealed before lookup keys existed are re-keyed before any store reads them.
    if (locked) await locked.rekeyRows();
    const circleStore = openCircleStore();
    const [config, identity, records, circle, outbox, circles] = await Promise.all([
      loadRuntimeConfig(location.origin),
      loadOrCreateIdentity(),
      openRecordStore(),
      openCircle(),
      openOutboxStore(),
      loadCircles(circleStore),
    ]);
    // The relay's config lists relays to use besides this origin's own.
    const defaults = [...new Set([originRelay(location.origin), ...config.relays])];
    const session = relaysFromQuery(location.search);
    const initial = [...new Set([...(saved.relays ?? defaults), ...session])];
    const network = browserNetwork();
    // One worker pool for the page: records are verified and decrypted off the main thread.
    const { verify } = browserVerifier();
    // One corrected clock for the store and every adapter: records are dated, checked and folded by
    // network time once the relays said this device's clock is off (protocol §1.1).
    const clock = makeCorrectedClock(systemClock);
    // One link adapter for the page: links to nearby phones outlive relay-list changes, and each relay
    // adapter is bridged with it (records from phones reach the relays once, and the other way round).
    // Its code is a chunk of its own, loaded when the first pairing starts: until then no link can exist.
    const links = deferredLinkAdapter(async () =>
      (await import('./sync/linkAdapter')).createLinkAdapter({ clock, verify }),
    );
    // GUN is its own chunk (its fetch started at boot): the map is drawn from stored records meanwhile.
    const connect = (relays: readonly string[]) =>
      bridgeAdapters(
        deferredAdapter(
          async () => (await loadGun()).createGunAdapter({ relays: [...relays], outbox, network, verify, clock }),
          relays.length,
        ),
        links,
      );
    show(() => (
      <ErrorBoundary fallback={(error) => <StartupError error={error} />}>
        {(() => {
          const store = createVadaStore({
            sync: connect(initial),
            verify,
            records,
            identity,
            circle,
            circles: {
              store: circleStore,
              joined: circles.joined,
              origin: location.origin,
              ...(fragment.found === 'invite' ? { pendingInvite: fragment.invite } : {}),
              // A damaged `#join=` link is said so at start, with why, instead of being ignored.
              ...(fragment.found === 'refused' ? { refusedInvite: inviteProblem(fragment.error) } : {}),
            },
            clock,
            settings,
            relays: { defaults, session, connect },
            network,
            tiles: {
              policy: { tileUrl: config.tileUrl, bulkMaxZoom: config.tilesBulkMaxZoom },
              // IndexedDB, opened with the saved-areas code when Settings first needs it.
              store: 'browser',
            },
            packs: {
              store: openPackStoreLazily(),
              relayPacks: config.tilePacks,
              openRelay: openRelayPackLazily,
              exportSavedArea: (area) =>
                exportSavedAreaLazily(area, config.tileUrl, { attribution: config.tileAttribution }),
            },
            notifications: browserNotifications(),
            signals: browserSignals(),
            wakeLock: browserWakeLock(),
            visibility: browserVisibility(),
            fallbackStore: openFallbackStore(),
            links: { port: phoneLinkLazily, adapter: links },
          });
          // Bundles from outside: a .vada file opened with Vada, text or a file shared to it. A map
          // file (.pmtiles) goes to the map pack import instead, shown in Settings › Offline maps.
          const importPack = (file: File) => {
            store.ui.open({ kind: 'settings' });
            return store.mapPacks.importFile(file, file.name);
          };
          onLaunchedFiles((file) =>
            isPackFile(file) ? void importPack(file) : store.ui.open({ kind: 'import', file }),
          );
          // A shared map file wins over the (empty) text of the same share.
          void Promise.all([shared, takeSharedPack()]).then(([text, parked]) => {
            if (parked) void importPack(parked.file).finally(parked.release);
            else if (text !== undefined) store.ui.open({ kind: 'import', text });
          });
          return (
            <PanicWipeProvider
              settings={settings}
              wipe={() => {
                // Every link closes and every pending code is cancelled before the data goes.
                store.links.wipe();
                // The packs themselves are deleted by panicWipe; the list forgets them at once.
                store.mapPacks.forget();
                return panicWipe();
              }}
            >
              <VadaProvider store={store}>
                <App tileUrl={config.tileUrl} tileAttribution={config.tileAttribution} updates={updates} />
              </VadaProvider>
            </PanicWipeProvider>
          );
        })()}
      </ErrorBoundary>
    ));
    // The sheets' chunks, fetched once the map is drawn and the page is idle (src/ui/shell/lazySheets.ts).
    preloadSheets(whenIdle);
  } catch (error) {
    console.error(error);
    show(() => <StartupError error={error} />);
  }
}

const root = document.getElementById('root');
if (root) void boot(root);
