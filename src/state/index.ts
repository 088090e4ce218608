/** Public surface of app state. */
export type { ActionResult } from './createActions';
export type { CircleFilter, CirclesSlice, CircleView, JoinResult } from './circleTypes';
export { loadCircles, type JoinedCircle } from './loadCircles';
export type {
  AlertActions,
  AlertBannerItem,
  AlertsSlice,
  FallbackDraft,
  FollowSlice,
  ProtestSlice,
  RaiseAlertInput,
  ReappearChoice,
} from './alertTypes';
export { MAX_BANNERS, noticeFor, NORMAL_VIBRATION, URGENT_VIBRATION } from './createAlerts';
export type { LocationSlice } from './createLocation';
export type { HandoverSlice, ReadOutcome, ScanFeedback, ShareBundle, ShareScope } from './handoverTypes';
export type { ImportPreview, ImportRefusal, ImportedRecord } from './inspectBundles';
export type { RelaySlice } from './createRelays';
export type { LinkFailure, LinkFlow, LinkScanRefusal, PhoneLinkPort, PhoneLinksSlice } from './createPhoneLinks';
export type { SendState } from '../sync/SyncAdapter';
export type { LanguageChange, LanguageSlice } from './createLanguage';
export type { FirstRunReason, FirstRunSlice } from './createFirstRun';
export { createVadaStore, type VadaDeps, type VadaStore } from './createVadaStore';
export type { MapPacksSlice, PackOnMap, PackRefusal, PackTask, RelayPack, RelayPackView } from './createMapPacks';
export { DEFAULT_VIEW, type MapHandle, type Panel, type UiSlice } from './createUiState';
export { checkRelayUrl, originRelay, relaysFromQuery, type RelayUrlError } from './relayUrl';
export {
  DEFAULT_CONFIG,
  loadRuntimeConfig,
  parseRuntimeConfig,
  type RelayTilePack,
  type RuntimeConfig,
} from './runtimeConfig';
// validateDraft itself is imported from its own module: a barrel re-export would put it in the entry.
export {
  DURATION_CHOICES_MIN,
  emptyDraft,
  resolveStart,
  type DraftField,
  type DraftResult,
  type FieldError,
  type FieldErrors,
  type PointDraft,
  type StartChoice,
} from './pointDraft';
export { useVada, VadaProvider } from './VadaContext';
