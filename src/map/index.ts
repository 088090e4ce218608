/** Public surface of the map (the only Leaflet user). */
export { createMapView, type MapView, type MapViewOptions } from './createMapView';
export type { MapPack, OpenPackPort, PackTiles } from './packLayer';
export { alertBadge, markerStyle, type AlertBadge, type Glyph, type MarkerStyle } from './markerStyle';
