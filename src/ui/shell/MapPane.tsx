/**
 * Hosts the Leaflet map (src/map) and keeps it in step with the store:
 * points and highlights, the draft ring, pick mode; taps and long-presses
 * come back as store actions. The map itself never sees the store. A tap on
 * several stacked points opens the stack chooser instead of one of them.
 * Map packs (on this phone and on the relay) reach the map as a list and an
 * opener, so it draws their tiles where they cover the view.
 */
import { createEffect, on, onCleanup, onMount, type JSX } from 'solid-js';
import type { RecordId } from '../../domain';
import { isolate, t } from '../../i18n';
import { createMapView } from '../../map';
import { useVada } from '../../state';
import { circleLabelOf } from '../circles/circleText';

export function MapPane(props: { tileUrl: string; tileAttribution: string }): JSX.Element {
  const store = useVada();
  const { ui } = store;
  let el!: HTMLDivElement;
  // How much of the map the open sheet hides, so places are shown above it.
  const covered = () => el.parentElement?.querySelector<HTMLElement>('.sheet')?.offsetHeight ?? 0;

  const mapLabels = () => ({ map: t('map.label'), zoomIn: t('map.zoomIn'), zoomOut: t('map.zoomOut') });

  onMount(() => {
    const view = createMapView(el, {
      tileUrl: props.tileUrl,
      tileAttribution: props.tileAttribution,
      initial: ui.initialView,
      labels: mapLabels(),
      onViewChange: (v) => ui.saveView(v),
      onSelect: (ids) => {
        const [first, ...more] = ids as readonly RecordId[];
        if (first === undefined) return;
        if (more.length > 0) ui.open({ kind: 'stack', ids: [first, ...more] });
        else ui.openPoint(first, store.point(first));
      },
      // With private circles joined, each tooltip says which circle (or public) the point is in.
      tipOf: (p) =>
        store.circles.list().length > 1
          ? `${isolate(p.title)} · ${circleLabelOf((id) => store.circles.get(id), p.circle)}`
          : p.title,
      onPress: (place) => ui.propose(place),
      onPick: (place) => ui.completePick(place),
      onUserMove: () => ui.userMovedMap(),
      openPack: (id) => store.mapPacks.open(id),
    });
    const detach = ui.attachMap({
      center: view.center,
      flyTo: (lat, lon) => view.flyTo(lat, lon, covered()),
      reveal: (lat, lon) => view.reveal(lat, lon, covered()),
      view: view.view,
      setView: view.setView,
    });
    // Plain values from the fold: a point that changes is a new value, so this effect follows state changes.
    // The map's name and zoom buttons follow a language change (the first run only repeats the start).
    createEffect(on(mapLabels, (labels) => view.setLabels(labels), { defer: true }));
    createEffect(() => view.setPoints(store.mapPoints(), ui.highlight()));
    createEffect(() => {
      const place = ui.draftPlace();
      // The pan that shows the ring above the sheet is the app's: keep the user's view to give back.
      if (place) ui.holdView();
      view.setDraft(place, covered());
    });
    createEffect(() => view.setPicking(ui.picking() !== undefined));
    createEffect(() => view.setPacks(store.mapPacks.onMap()));
    onCleanup(() => {
      detach();
      view.destroy();
    });
  });

  return <div ref={el} class="map" data-testid="map" />;
}
