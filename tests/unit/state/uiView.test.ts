/**
 * The app's own pans for a sheet are lent, not chosen (issue 11): proposals
 * made one after another without touching the map all start where the user
 * was looking, the map goes back when the sheet closes, and the saved view is
 * the user's. A fake map stands in for Leaflet and pans the way MapPane does.
 */
import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import type { RecordId } from '../../../src/domain';
import { createMemorySettingsStore } from '../../../src/platform/settingsStore';
import { createUiState, type MapHandle, type UiSlice } from '../../../src/state/createUiState';
import type { MapViewSetting } from '../../../src/platform/settingsStore';

/** A map that, like Leaflet under a sheet, pans south to show a place above the sheet. */
function fakeMap(ui: UiSlice, start: MapViewSetting) {
  let shown = start;
  const moved = (v: MapViewSetting) => {
    shown = v;
    ui.saveView(v); // Leaflet's moveend
  };
  const handle: MapHandle = {
    center: () => ({ lat: shown.lat, lon: shown.lon }),
    flyTo: (lat, lon) => moved({ lat: lat - 0.01, lon, zoom: 15 }),
    reveal: (lat, lon) => moved({ ...shown, lat: lat - 0.018, lon }),
    view: () => shown,
    setView: (v) => moved(v),
  };
  return {
    handle,
    shown: () => shown,
    /** What MapPane does when the draft ring appears: hold the user's view, then pan ~2 km south. */
    showAboveSheet(place: { lat: number; lon: number }) {
      ui.holdView();
      moved({ ...shown, lat: place.lat - 0.018 });
    },
    /** A drag by the user. */
    drag(to: MapViewSetting) {
      ui.userMovedMap();
      moved(to);
    },
  };
}

function proposeAndClose(ui: UiSlice, map: ReturnType<typeof fakeMap>) {
  ui.propose();
  const p = ui.panel();
  if (p.kind !== 'propose') throw new Error(`expected the propose sheet, got ${p.kind}`);
  map.showAboveSheet(p);
  // "Use map centre" while the sheet is open still means where the user was looking.
  const centre = ui.mapCenter();
  ui.close();
  return { opened: { lat: p.lat, lon: p.lon }, centre };
}

const START: MapViewSetting = { lat: 53.9045, lon: 27.5615, zoom: 13 };

/** The UI state on fresh settings, with a fake map at START attached (call inside a root). */
function world() {
  const settings = createMemorySettingsStore();
  const ui = createUiState(settings);
  const map = fakeMap(ui, START);
  ui.attachMap(map.handle);
  return { settings, ui, map };
}

describe('the view the user chose', () => {
  it('keeps ten proposals in a row at the same place and gives the view back each time', () => {
    createRoot((dispose) => {
      const { settings, ui, map } = world();
      for (let i = 0; i < 10; i++) {
        const { opened, centre } = proposeAndClose(ui, map);
        expect(opened).toEqual({ lat: START.lat, lon: START.lon });
        expect(centre).toEqual({ lat: START.lat, lon: START.lon });
        expect(map.shown()).toEqual(START);
      }
      expect(ui.currentView()).toEqual(START);
      expect(settings.load().view).toEqual(START);
      dispose();
    });
  });

  it('does not count the pan while the sheet is open: the saved view stays the user’s', () => {
    createRoot((dispose) => {
      const { settings, ui, map } = world();
      ui.propose();
      map.showAboveSheet(START);
      expect(map.shown().lat).toBeCloseTo(START.lat - 0.018, 6);
      expect(ui.currentView()).toEqual(START);
      expect(settings.load().view).toBeUndefined();
      ui.close();
      dispose();
    });
  });

  it('follows the user when they move the map while a sheet is open', () => {
    createRoot((dispose) => {
      const { settings, ui, map } = world();
      ui.propose();
      map.showAboveSheet(START);
      const there: MapViewSetting = { lat: 53.95, lon: 27.6, zoom: 14 };
      map.drag(there);
      expect(ui.mapCenter()).toEqual({ lat: there.lat, lon: there.lon });
      ui.close();
      expect(map.shown()).toEqual(there);
      expect(settings.load().view).toEqual(there);
      expect(proposeAndClose(ui, map).opened).toEqual({ lat: there.lat, lon: there.lon });
      dispose();
    });
  });

  it('gives back the view after the details sheet flew to a point', () => {
    createRoot((dispose) => {
      const { ui, map } = world();
      ui.open({ kind: 'list' });
      ui.flyTo(53.8, 27.4);
      expect(map.shown()).not.toEqual(START);
      expect(ui.mapCenter()).toEqual({ lat: START.lat, lon: START.lon });
      ui.close();
      expect(map.shown()).toEqual(START);
      dispose();
    });
  });

  it('opens a tapped point (or one chosen from a stack) above the sheet and gives the view back', () => {
    createRoot((dispose) => {
      const { ui, map } = world();
      const id = 'a'.repeat(43) as RecordId;
      ui.setHighlight(id);
      ui.open({ kind: 'stack', ids: [id] });
      ui.openPoint(id, { lat: 53.91, lon: 27.57 });
      expect(ui.panel()).toEqual({ kind: 'details', id });
      expect(ui.highlight()).toBeUndefined();
      expect(map.shown()).not.toEqual(START);
      expect(ui.mapCenter()).toEqual({ lat: START.lat, lon: START.lon });
      ui.close();
      expect(map.shown()).toEqual(START);
      dispose();
    });
  });
});
