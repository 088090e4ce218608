/**
 * The app's one store, composed from small slices: circles (the open one and
 * private ones, each with its own key), records (verified per circle,
 * deduplicated, persisted), the live sync link, a ticking clock, the folded
 * points, actions, relays, location and screen state, and alerts (follows,
 * banners and notifications, revealed fallbacks, protest mode), the
 * first-run hint, map packs, and the device ports components use. createX: call it
 * inside a Solid owner (render, createRoot); its timers and subscriptions
 * end with that owner.
 */
import { createComputed, createEffect, createMemo, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { createStore } from 'solid-js/store';
import {
  isCorrectedClock,
  LIMITS,
  makeCorrectedClock,
  nextTransition,
  type Clock,
  type PointView,
  type PublicKey,
  type RecordId,
} from '../domain';
import { watchLocation, type LocationSource } from '../platform/geolocation';
import type { NetworkSource } from '../platform/networkStatus';
import type { RecordStore } from '../platform/recordStore';
import {
  ALWAYS_VISIBLE,
  NO_NOTIFICATIONS,
  NO_SIGNALS,
  NO_WAKE_LOCK,
  type NotificationPort,
  type SignalPort,
  type VisibilityPort,
  type WakeLockPort,
} from '../platform/alertPorts';
import { browserDevice, type DevicePorts } from '../platform/devicePorts';
import { createMemoryFallbackStore, type FallbackStore } from '../platform/fallbackStore';
import type { SavedAreaStore } from '../platform/savedAreaStore';
import type { TilePolicy } from '../domain/tilePolicy';
import { OSM_TILE_URL } from './runtimeConfig';
import { createMemorySettingsStore, type SettingsStore } from '../platform/settingsStore';
import type { CircleInvite } from '../domain/circleInvite';
import type { InviteProblem } from '../domain/inviteProblem';
import { createMemoryCircleStore, type CircleStore } from '../platform/circleStore';
import type { Circle } from '../protocol/circle';
import type { Identity } from '../protocol/identity';
import { openEnvelopeOnDemand } from '../protocol/openEnvelopeOnDemand';
import type { CirclesSlice } from './circleTypes';
import { createCircles, type CirclesCore } from './createCircles';
import type { JoinedCircle } from './loadCircles';
import type { Verifier } from '../sync/makeReceiver';
import { deferredLinkAdapter } from '../sync/deferredLinkAdapter';
import type { SendState, SyncAdapter, SyncStatus } from '../sync/SyncAdapter';
import type { AlertActions, AlertsSlice, FollowSlice, ProtestSlice } from './alertTypes';
import type { Actions, Publish } from './createActions';
import { deferredActions } from './deferredActions';
import { createAlerts } from './createAlerts';
import { createFollows } from './createFollows';
import { deferredHandover } from './deferredHandover';
import type { HandoverSlice } from './handoverTypes';
import { createLocation, type LocationSlice } from './createLocation';
import { createNetworkTime, type NetworkTimeSlice } from './createNetworkTime';
import { createNow } from './createNow';
import { createProtestMode } from './createProtestMode';
import { createRecordSet } from './createRecordSet';
import { createOrganizedPoints } from '../domain/createOrganizedPoints';
import { createPointFold } from '../domain/createPointFold';
import { createRelays, type RelaySlice } from './createRelays';
import { createRevealed } from './createRevealed';
import type { SavedAreasSlice } from './createSavedAreas';
import { deferredSavedAreas } from './deferredSavedAreas';
import { createStorage, type StorageDeps, type StorageSlice } from './createStorage';
import { createSyncLink } from './createSyncLink';
import { createSyncProgress } from './createSyncProgress';
import { applyPoints } from './applyPoints';
import { createLanguage, type LanguageSlice } from './createLanguage';
import type { MapPacksSlice, OpenedPack, RelayPack } from './createMapPacks';
import { deferredMapPacks } from './deferredMapPacks';
import type { PackStore } from '../platform/packStore';
import type { SavedAreaRow } from '../platform/savedAreaStore';
import { createFirstRun, type FirstRunSlice } from './createFirstRun';
import { createUiState, type UiSlice } from './createUiState';
import type { PhoneLinkPort, PhoneLinksDeps, PhoneLinksSlice } from './createPhoneLinks';
import { deferredPhoneLinks } from './deferredPhoneLinks';

export interface VadaDeps {
  readonly sync: SyncAdapter;
  /** How stored records are re-verified at load (the browser's verification worker); default in-process. */
  readonly verify?: Verifier;
  readonly records: RecordStore;
  readonly identity: Identity;
  /** The open circle (public). */
  readonly circle: Circle;
  /** Private circles: their store, those loaded at start, an invite from the address bar; default none, in memory. */
  readonly circles?: {
    readonly store: CircleStore;
    readonly joined?: readonly JoinedCircle[];
    readonly pendingInvite?: CircleInvite;
    /** Why the `#join=` fragment at start was refused (issue 10: the app says so). */
    readonly refusedInvite?: InviteProblem;
    /** Where invite links point (location.origin). */
    readonly origin?: string;
  };
  /**
   * This device's clock. The store corrects it by the relays' time (createNetworkTime); pass a
   * CorrectedClock to share that correction with the sync adapters (main.tsx does).
   */
  readonly clock: Clock;
  readonly settings?: SettingsStore;
  /** Relay list; with `connect`, a changed list replaces the adapter. */
  readonly relays?: {
    defaults: readonly string[];
    session: readonly string[];
    connect?: (relays: readonly string[]) => SyncAdapter;
  };
  readonly location?: LocationSource;
  /** The browser's network flag (navigator.onLine); default: always online. */
  readonly network?: NetworkSource;
  /**
   * Tile host policy and saved-area rows ('browser': IndexedDB, opened with the saved-areas code, its
   * own chunk); default OSM (bulk refused), in memory.
   */
  readonly tiles?: {
    readonly policy: TilePolicy;
    readonly store: SavedAreaStore | 'browser';
    readonly storage?: StorageDeps;
  };
  /**
   * Map packs: this phone's pack store (OPFS), the packs the relay serves, how a relay pack is opened
   * and how a saved area is written as a pack. Default: no store, no relay packs.
   */
  readonly packs?: {
    readonly store: PackStore;
    readonly relayPacks?: readonly RelayPack[];
    readonly openRelay?: (pack: RelayPack) => Promise<OpenedPack | undefined>;
    readonly exportSavedArea?: (area: SavedAreaRow) => Promise<Blob>;
  };
  /** Alert channels; defaults do nothing and say so (degraded()). */
  readonly notifications?: NotificationPort;
  readonly signals?: SignalPort;
  readonly wakeLock?: WakeLockPort;
  readonly visibility?: VisibilityPort;
  /** Where this device keeps the fallback keys of its own points; default in memory. */
  readonly fallbackStore?: FallbackStore;
  /** Clipboard, bundle files, app PIN, offline start, QR scanner for the UI; default this browser's. */
  readonly device?: DevicePorts;
  /**
   * Nearby-phone links: the WebRTC port and the page's one LinkAdapter (main.tsx bridges it with
   * the relays in `relays.connect`; a deferredLinkAdapter, loaded on the first pairing). Default: a
   * link adapter of the store's own, loaded likewise, and no WebRTC (linking ends 'unsupported').
   */
  readonly links?: { readonly port: PhoneLinkPort; readonly adapter: PhoneLinksDeps['adapter'] };
}

export interface VadaStore extends Actions, AlertActions {
  /** Points to show now in every circle, sorted by start (a Solid store: items keep identity by id). */
  readonly points: Accessor<readonly PointView[]>;
  /** The points the map and list show: `points` narrowed by `circles.filter()`. */
  readonly visiblePoints: Accessor<readonly PointView[]>;
  /**
   * The same points as plain values (not store proxies), for the map: it reads a few fields of every
   * point on each change, and through proxies that alone took most of a 10,000-point sync (issue 15).
   */
  readonly mapPoints: Accessor<readonly PointView[]>;
  readonly circles: CirclesSlice;
  point(id: RecordId): PointView | undefined;
  readonly now: Accessor<number>;
  /** Re-reads the clock now. */
  refresh(): void;
  /** How far this device's clock is off by the relays' time, and the correction in force. */
  readonly networkTime: NetworkTimeSlice;
  readonly status: Accessor<SyncStatus>;
  /**
   * While a relay link that just opened brings records this device did not have: how many
   * points it shows so far (changes at most once a second); undefined otherwise.
   */
  readonly syncing: Accessor<number | undefined>;
  /** False when the browser has no network at all (airplane mode, cut mobile data). */
  readonly online: Accessor<boolean>;
  /** Send state of one of this device's records: not sent yet / sent at / refused. */
  sendState(id: RecordId): SendState | undefined;
  /** This device's records (points and alerts) still waiting for a relay. */
  readonly unsentCount: Accessor<number>;
  readonly myKey: PublicKey;
  isMine(p: Pick<PointView, 'author'>): boolean;
  /** A countdown is on screen: tick every second until the returned release is called. */
  holdSecondTicks(): () => void;
  /**
   * This device's clock corrected by network time, read now (not reactive): the time a record
   * published now is dated by, which a draft is checked against (validateDraft).
   */
  clockNow(): number;
  /** True once persisted records were loaded. */
  readonly ready: Accessor<boolean>;
  /** The last storage or transport failure outside a user action, if any. */
  readonly problem: Accessor<string | undefined>;
  replaceSync(adapter: SyncAdapter): Promise<void>;
  readonly relays: RelaySlice;
  readonly location: LocationSlice;
  readonly ui: UiSlice;
  readonly language: LanguageSlice;
  /** The first-run hint: wanted until dismissed, shown when nothing else has the screen. */
  readonly firstRun: FirstRunSlice;
  readonly savedAreas: SavedAreasSlice;
  /** Map packs (PMTiles) on this phone and on the relay: import, keep, delete, export. */
  readonly mapPacks: MapPacksSlice;
  readonly storage: StorageSlice;
  readonly alerts: AlertsSlice;
  readonly follows: FollowSlice;
  readonly protest: ProtestSlice;
  /** Records carried by text, QR code and file when no relay is reachable. */
  readonly handover: HandoverSlice;
  /** Live links to nearby phones: the pairing flow, how many are open, the last one cut for bad data. */
  readonly links: PhoneLinksSlice;
  /** The device capabilities components use (src/ui imports no browser code of its own). */
  readonly device: DevicePorts;
}

const PRUNE_EVERY_MS = 60_000;

export function createVadaStore(deps: VadaDeps): VadaStore {
  // Every reading of "now" below is network time once the relays said this clock is off.
  const netClock = isCorrectedClock(deps.clock) ? deps.clock : makeCorrectedClock(deps.clock);
  const settings = deps.settings ?? createMemorySettingsStore();
  const [problem, setProblem] = createSignal<string>();
  const onError = (e: unknown) => setProblem(e instanceof Error ? e.message : String(e));
  // Circles and records refer to each other (keys by circle id; organizer records), so they meet through closures.
  const late: { publish?: Publish; refresh?: () => void } = {};
  const records = createRecordSet({
    store: deps.records,
    circleOf: (id) => circles.circleOf(id),
    clock: netClock,
    onError,
    onChange: () => clock.refresh(),
    ...(deps.verify ? { verify: deps.verify } : {}),
  });
  // Fed as records change, before the batched bump that re-runs the fold (withAlerts below).
  const pointFold = createPointFold({ alertWindowMs: LIMITS.alertTtlMs });
  // The points this key organizes, found in each batch as it comes (followed below, once loaded).
  const organized = createOrganizedPoints(deps.identity.publicKey);
  let toFollow: RecordId[] = [];
  onCleanup(
    records.watch((added, removed) => {
      pointFold.add(added);
      pointFold.remove(removed);
      toFollow.push(...organized.add(added));
      organized.remove(removed);
    }),
  );
  const circles: CirclesCore = createCircles({
    open: deps.circle,
    joined: deps.circles?.joined ?? [],
    store: deps.circles?.store ?? createMemoryCircleStore(),
    me: deps.identity.publicKey,
    now: () => netClock.now(),
    origin: deps.circles?.origin ?? '',
    ...(deps.circles?.pendingInvite ? { pendingInvite: deps.circles.pendingInvite } : {}),
    ...(deps.circles?.refusedInvite ? { refusedInvite: deps.circles.refusedInvite } : {}),
    records: records.records,
    forgetRecords: (id) => records.forgetCircle(id),
    publish: (kind, payload, created, circle) => {
      if (!late.publish) throw new Error('The store is not ready yet.');
      return late.publish(kind, payload, created, circle);
    },
  });
  const networkTime = createNetworkTime(netClock, () => late.refresh?.());
  const link = createSyncLink(
    deps.sync,
    circles.readable,
    (r, wire) => {
      if (records.add(r, wire)) progress.arrived();
    },
    onError,
    networkTime.add,
  );
  const [online, setOnline] = createSignal(deps.network?.online() ?? true);
  if (deps.network) onCleanup(deps.network.watch(setOnline));

  const [holders, setHolders] = createSignal(0);
  // createNow's scheduler is an effect: it first runs after this function returns, when `folded` exists.
  const clock = createNow(
    netClock,
    () => nextTransition(folded(), clock.now()),
    () => holders() > 0 && folded().some((p) => p.state === 'upcoming' || p.state === 'active'),
    deps.visibility ?? ALWAYS_VISIBLE,
  );
  late.refresh = clock.refresh;
  const revealed = createRevealed(records.records);
  // Dispersed points stay in this fold while their dispersal is a live alert (alertWindowMs), so a
  // follower hears a dispersal that arrived after its linger (a late relay, a skewed clock); the
  // map, list and everything else see only the points to show now.
  // Incremental (domain/createPointFold): each batch folds again only the points its records touched.
  const withAlerts = createMemo(() => {
    records.records();
    return pointFold.fold(clock.now(), revealed(), circles.organizers());
  });
  const folded = createMemo(() => withAlerts().filter((p) => clock.now() < p.hideAt));

  const [points, setPoints] = createStore<PointView[]>([]);
  // merge: true, so lists inside a point that have no `id` (an alert's statuses) are diffed by
  // position: keyed by a missing id, every status matched "undefined" and two rows became one object.
  // Point by point (applyPoints.ts): a batch that touched three points updates three store items.
  const apply = applyPoints(points, setPoints);
  createComputed(() => apply(folded()));
  const progress = createSyncProgress(
    () => link.status().connected,
    () => points.length,
  );

  const [ready, setReady] = createSignal(false);
  const follows = createFollows(settings);
  const fallbackStore = deps.fallbackStore ?? createMemoryFallbackStore();
  // Followed points that expired everywhere are forgotten with them, so the list does not keep old plans.
  const prune = async () => {
    const now = netClock.now();
    await records.prune(now);
    follows.retain((id) => records.get(id) !== undefined);
    await fallbackStore.prune(now).catch(onError);
  };
  // Linked phones get what this device kept from before a reload (the transport offers each once).
  const offerStored = () => {
    const adapter = link.adapter();
    if (!adapter.offer) return;
    for (const r of records.records()) {
      const wire = records.wire(r.id);
      if (wire !== undefined) adapter.offer({ id: r.id, circle: r.circle, wire, created: r.created });
    }
  };
  records
    .load()
    .then(prune)
    .then(offerStored)
    .catch(onError)
    .finally(() => setReady(true));
  const pruneTimer = setInterval(() => void prune().catch(onError), PRUNE_EVERY_MS);
  onCleanup(() => clearInterval(pruneTimer));
  // Organizers hear about their own points: follow each one this key wrote or was named co-organizer of, once.
  // Runs in the batch that shows a change (records.records() tracks it), with what that change added.
  createEffect(() => {
    records.records();
    if (!ready() || toFollow.length === 0) return;
    const ids = toFollow;
    toFollow = [];
    follows.autoFollow(ids);
  });

  const relays = createRelays({ settings, defaults: deps.relays?.defaults ?? [], session: deps.relays?.session ?? [] });
  const connect = deps.relays?.connect;
  if (connect) createEffect(on(relays.relays, (list) => void link.replace(connect(list)), { defer: true }));

  const storage = createStorage(deps.tiles?.storage);
  // Made from its own chunk when first used (the settings sheet waits for it): deferredSavedAreas.ts.
  const savedAreas = deferredSavedAreas({
    store: deps.tiles?.store ?? 'memory',
    policy: deps.tiles?.policy ?? { tileUrl: OSM_TILE_URL },
    now: () => netClock.now(),
    onFirstSave: () => void storage.requestPersistence(),
    onStored: () => void storage.refresh(),
  });

  const device = deps.device ?? browserDevice();
  // The list the map draws from now; managing packs comes with the offline-maps chunk (deferredMapPacks.ts).
  const mapPacks = deferredMapPacks({
    ...(deps.packs?.store ? { store: deps.packs.store } : {}),
    relayPacks: deps.packs?.relayPacks ?? [],
    openRelay: deps.packs?.openRelay ?? (() => Promise.resolve(undefined)),
    exportSavedArea: deps.packs?.exportSavedArea ?? (() => Promise.reject(new Error('No saved-area export here.'))),
    savedArea: (id) => savedAreas.areas().find((a) => a.id === id),
    files: device.packFiles,
    onStored: () => void storage.refresh(),
  });

  const { publish, ...actions } = deferredActions({
    identity: deps.identity,
    writable: (id) => circles.writable(id),
    publishTo: () => circles.publishTo(),
    clock: netClock,
    records,
    adapter: link.adapter,
    fallbackStore,
  });

  const location = createLocation(deps.location ?? watchLocation, settings);
  const ui = createUiState(settings);
  // The proof of work covers only the header: mine it while the person fills the propose form,
  // so Publish only encrypts and signs (issue 15).
  createEffect(
    on(
      () => ui.panel().kind,
      (kind) => kind === 'propose' && actions.premine(),
    ),
  );
  // The hint waits for a deep link's question, any open sheet (an import at start) and place picking.
  const firstRun = createFirstRun(
    settings,
    () =>
      circles.pendingInvite() !== undefined ||
      circles.refusedInvite() !== undefined ||
      ui.panel().kind !== 'none' ||
      ui.picking() !== undefined,
  );
  const pointById = (id: RecordId) => folded().find((p) => p.id === id);
  const protest = createProtestMode({
    wakeLock: deps.wakeLock ?? NO_WAKE_LOCK,
    follow: follows.follow,
    place: pointById,
    position: location.position,
  });
  const alerts = createAlerts({
    settings,
    points: withAlerts,
    ready,
    now: () => netClock.now(),
    position: location.position,
    isFollowed: follows.isFollowed,
    isOwn: (id) => records.get(id)?.author === deps.identity.publicKey,
    protesting: () => protest.point() !== undefined,
    notifications: deps.notifications ?? NO_NOTIFICATIONS,
    signals: deps.signals ?? NO_SIGNALS,
    visibility: deps.visibility ?? ALWAYS_VISIBLE,
    openPoint: (id) => ui.open({ kind: 'details', id }),
  });

  // The slice comes with the bundle code, its own chunk (deferredHandover.ts).
  const handover = deferredHandover({
    records,
    circleOf: (id) => circles.circleOf(id),
    isPrivate: (id) => circles.get(id)?.isPublic === false,
    offerInvite: (text) => circles.offerInvite(text),
    points: folded,
    verify: deps.verify ?? openEnvelopeOnDemand,
    now: () => netClock.now(),
    adapter: link.adapter,
    carriedUnsent: link.carriedUnsentCount,
  });

  // The bar's count answers at once; the pairing flow is its own chunk (deferredPhoneLinks.ts).
  const links = deferredPhoneLinks({
    ...(deps.links?.port ? { port: deps.links.port } : {}),
    adapter:
      deps.links?.adapter ??
      deferredLinkAdapter(async () =>
        (await import('../sync/linkAdapter')).createLinkAdapter({
          clock: netClock,
          ...(deps.verify ? { verify: deps.verify } : {}),
        }),
      ),
    clock: netClock.local,
  });

  late.publish = publish;
  const visible = createMemo(() => {
    const f = circles.filter();
    return f === 'all' ? points : points.filter((p) => p.circle === f);
  });
  const mapPoints = createMemo(() => {
    const f = circles.filter();
    return f === 'all' ? folded() : folded().filter((p) => p.circle === f);
  });

  return {
    ...actions,
    points: () => points,
    visiblePoints: visible,
    mapPoints,
    circles,
    point: (id) => points.find((p) => p.id === id),
    now: clock.now,
    refresh: clock.refresh,
    networkTime,
    status: link.status,
    syncing: progress.points,
    online,
    sendState: (id) => link.sendState(id),
    unsentCount: link.unsentCount,
    myKey: deps.identity.publicKey,
    isMine: (p) => p.author === deps.identity.publicKey,
    holdSecondTicks() {
      setHolders((n) => n + 1);
      let held = true;
      return () => {
        if (held) setHolders((n) => n - 1);
        held = false;
      };
    },
    clockNow: () => netClock.now(),
    ready,
    problem,
    replaceSync: link.replace,
    relays,
    location,
    ui,
    language: createLanguage(settings),
    firstRun,
    savedAreas,
    mapPacks,
    storage,
    alerts,
    follows,
    protest,
    handover,
    links,
    device,
  };
}
