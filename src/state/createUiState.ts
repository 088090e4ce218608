/**
 * What is on screen: which sheet is open, whether the map is being used to
 * pick a place, which point is highlighted, and a handle to the map (centre,
 * fly to) that the map component registers. Kept apart from the record data
 * so that screens can change without touching sync.
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
  /** Hand a point or a circle's points to another phone by text, QR code or file. */
  | { readonly kind: 'share'; readonly scope: ShareScope }
  /**
   * Receive points by pasted text, file or the in-app scanner (`scan`: open the
   * camera at once; `file`/`text`: something dropped on, opened with or shared to the app).
   */
  | { readonly kind: 'import'; readonly scan?: boolean; readonly file?: Blob; readonly text?: string };

/** What the map component lends the rest of the app. */
export interface MapHandle {
  center(): LatLon;
  /** Centres a place in the visible map (call after opening the sheet that will cover part of it). */
  flyTo(lat: number, lon: number): void;
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
  /** The last view the map reported (centre and zoom). */
  currentView(): MapViewSetting;
}

export function createUiState(settings: SettingsStore): UiSlice {
  const [panel, setPanel] = createSignal<Panel>({ kind: 'none' });
  const [picking, setPicking] = createSignal<PickRequest | undefined>();
  const [highlight, setHighlight] = createSignal<RecordId | undefined>();
  const [draftPlace, setDraftPlace] = createSignal<LatLon | undefined>();
  const initialView = settings.load().view ?? DEFAULT_VIEW;
  let lastView = initialView;
  let map: MapHandle | undefined;

  const mapCenter = (): LatLon => map?.center() ?? { lat: lastView.lat, lon: lastView.lon };

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
    close: () => setPanel({ kind: 'none' }),
    propose(at) {
      const p = at ?? mapCenter();
      setPanel({ kind: 'propose', lat: p.lat, lon: p.lon });
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
      return () => {
        if (map === handle) map = undefined;
      };
    },
    mapCenter,
    flyTo: (lat, lon) => map?.flyTo(lat, lon),
    initialView,
    currentView: () => lastView,
    saveView(view) {
      lastView = view;
      settings.save({ view });
    },
  };
}
