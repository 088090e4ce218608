/**
 * What is on screen: which sheet is open, whether the map is being used to
 * pick a place, which point is highlighted, and a handle to the map (centre,
 * fly to) that the map component registers. Kept apart from the record data
 * so that screens can change without touching sync.
 *
 * The app pans the map by itself to show a place above an open sheet. That pan
 * is lent, not chosen: the view the user chose is held aside, stays the "map
 * centre" (default place of the next proposal) and the saved view, and comes
 * back when the sheet closes. Without this each proposal started ~2 km further
 * south than the last (issue 11).
 */
import { createSignal, type Accessor } from 'solid-js';
import type { LatLon, RecordId } from '../domain';
import type { ShareScope } from './handoverTypes';
import type { MapViewSetting, SettingsStore } from '../platform/settingsStore';

export type Panel =
  | { readonly kind: 'none' }
  | { readonly kind: 'propose'; readonly lat: number; readonly lon: number }
  | { readonly kind: 'list' }
  | { readonly kind: 'settings' }
  | { readonly kind: 'circles' }
  | { readonly kind: 'details'; readonly id: RecordId }
  /** A tap landed on several points at once (stacked on one spot): which one to open. Nearest first. */
  | { readonly kind: 'stack'; readonly ids: readonly RecordId[] }
  /** Hand a point or a circle's points to another phone by text, QR code or file. */
  | { readonly kind: 'share'; readonly scope: ShareScope }
  /**
   * Receive points by pasted text, file or the in-app scanner (`scan`: open the
   * camera at once; `file`/`text`: something dropped on, opened with or shared to the app).
   */
  | { readonly kind: 'import'; readonly scan?: boolean; readonly file?: Blob; readonly text?: string }
  /** Link a nearby phone: show this phone's code or scan theirs (issue 13). */
  | { readonly kind: 'link' };

/** What the map component lends the rest of the app. */
export interface MapHandle {
  center(): LatLon;
  /** Centres a place in the visible map (call after opening the sheet that will cover part of it). */
  flyTo(lat: number, lon: number): void;
  /** Pans only as much as needed for a place to show above the open sheet (call after opening it). */
  reveal(lat: number, lon: number): void;
  /** The view shown now (centre and zoom). */
  view(): MapViewSetting;
  /** Shows a view at once (no animation). */
  setView(view: MapViewSetting): void;
}

export interface PickRequest {
  /** Called with the chosen place, or undefined when the user gave up. */
  readonly done: (place: LatLon | undefined) => void;
}

/** First run opens on a city (Minsk), at street-finding zoom; never asks for location. */
export const DEFAULT_VIEW: MapViewSetting = { lat: 53.9045, lon: 27.5615, zoom: 13 };

export interface UiSlice {
  readonly panel: Accessor<Panel>;
  open(panel: Panel): void;
  close(): void;
  /** Opens the propose sheet at a place (long-press) or at the map centre. */
  propose(at?: LatLon): void;
  /**
   * What a tap on a point's marker does: opens its details and, when its
   * place is given, pans only as far as needed to show it above the sheet
   * (a pan lent, like the others: the view comes back on close).
   */
  openPoint(id: RecordId, at?: LatLon): void;
  readonly picking: Accessor<PickRequest | undefined>;
  /** Hides sheets until the user taps the map (or cancels). */
  pickPlace(): Promise<LatLon | undefined>;
  completePick(place: LatLon | undefined): void;
  readonly highlight: Accessor<RecordId | undefined>;
  setHighlight(id: RecordId | undefined): void;
  /** The place of the form being filled in, ringed on the map. */
  readonly draftPlace: Accessor<LatLon | undefined>;
  setDraftPlace(place: LatLon | undefined): void;
  attachMap(handle: MapHandle): () => void;
  mapCenter(): LatLon;
  flyTo(lat: number, lon: number): void;
  readonly initialView: MapViewSetting;
  saveView(view: MapViewSetting): void;
  /** The last view the user chose (centre and zoom), not counting the app's own pans for sheets. */
  currentView(): MapViewSetting;
  /**
   * Call right before the app pans the map for a sheet: keeps the view the user
   * chose (once, until the user moves the map or the sheet closes).
   */
  holdView(): void;
  /** The user moved the map: the view they see now is theirs, nothing to give back. */
  userMovedMap(): void;
}

export function createUiState(settings: SettingsStore): UiSlice {
  const [panel, setPanel] = createSignal<Panel>({ kind: 'none' });
  const [picking, setPicking] = createSignal<PickRequest | undefined>();
  const [highlight, setHighlight] = createSignal<RecordId | undefined>();
  const [draftPlace, setDraftPlace] = createSignal<LatLon | undefined>();
  const initialView = settings.load().view ?? DEFAULT_VIEW;
  let lastView = initialView;
  let map: MapHandle | undefined;
  /** The view the user chose, while the app has panned away from it for a sheet. */
  let held: MapViewSetting | undefined;

  const mapCenter = (): LatLon =>
    held ? { lat: held.lat, lon: held.lon } : (map?.center() ?? { lat: lastView.lat, lon: lastView.lon });
  const holdView = () => {
    if (!held && map) held = map.view();
  };
  /** Gives the map back to the view the user chose. */
  const returnView = () => {
    const back = held;
    held = undefined;
    if (back && map) map.setView(back);
  };

  const completePick = (place: LatLon | undefined) => {
    const req = picking();
    setPicking(undefined);
    req?.done(place);
  };

  return {
    panel,
    open: (p) => {
      completePick(undefined);
      setPanel(p);
    },
    close: () => {
      setPanel({ kind: 'none' });
      if (!picking()) returnView();
    },
    propose(at) {
      const p = at ?? mapCenter();
      setPanel({ kind: 'propose', lat: p.lat, lon: p.lon });
    },
    openPoint(id, at) {
      setHighlight(undefined);
      completePick(undefined);
      setPanel({ kind: 'details', id });
      if (!at || !map) return;
      holdView();
      map.reveal(at.lat, at.lon);
    },
    picking,
    pickPlace() {
      completePick(undefined);
      return new Promise((done) => setPicking({ done }));
    },
    completePick,
    highlight,
    setHighlight,
    draftPlace,
    setDraftPlace,
    attachMap(handle) {
      map = handle;
      held = undefined;
      return () => {
        if (map === handle) map = undefined;
        held = undefined;
      };
    },
    mapCenter,
    flyTo: (lat, lon) => {
      holdView();
      map?.flyTo(lat, lon);
    },
    initialView,
    currentView: () => held ?? lastView,
    saveView(view) {
      // A move the app made for a sheet is not where the user wants the map next time.
      if (held) return;
      lastView = view;
      settings.save({ view });
    },
    holdView,
    userMovedMap: () => {
      held = undefined;
    },
  };
}
