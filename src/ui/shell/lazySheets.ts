/**
 * The sheets, loaded on first use instead of with the map: a phone on a
 * crowded network draws the map, the bar and the points from the entry chunk
 * alone, and each sheet's code (forms, settings, circles, hand-over and its QR
 * codes, offline maps, nearby phones) arrives as its own chunk when it opens.
 * The service worker precaches every chunk, so a sheet opens offline too; once
 * the page is idle main.tsx fetches them ahead (`preloadSheets`), so a tap
 * does not wait for the network on a first, online visit either.
 */
import { loadActionsCode } from '../../state/deferredActions';
import { loadHandoverCode } from '../../state/handoverCode';
import { loadOfflineMapsCode } from '../../state/offlineMapsCode';
import { loadPhoneLinksCode } from '../../state/phoneLinksCode';
import { onDemand } from '../common/onDemand';

// The point sheets come with the publishing code (src/state/deferredActions.ts), so Publish never waits for it.
export const ProposeSheet = onDemand(
  async () => (await Promise.all([import('../points/ProposeSheet'), loadActionsCode()]))[0].ProposeSheet,
);
export const DetailsSheet = onDemand(
  async () => (await Promise.all([import('../points/DetailsSheet'), loadActionsCode()]))[0].DetailsSheet,
);
export const StackChooser = onDemand(async () => (await import('../points/StackChooser')).StackChooser);
export const ListSheet = onDemand(async () => (await import('../points/ListSheet')).ListSheet);
export const CirclesSheet = onDemand(async () => (await import('../circles/CirclesSheet')).CirclesSheet);
// Settings comes with the offline-maps code (src/state/offlineMapsCode.ts): saved areas are planned as it opens.
export const SettingsSheet = onDemand(
  async () => (await Promise.all([import('../settings/SettingsSheet'), loadOfflineMapsCode()]))[0].SettingsSheet,
);
// The link sheet comes with the pairing flow (src/state/phoneLinksCode.ts).
export const LinkSheet = onDemand(
  async () => (await Promise.all([import('../links/LinkSheet'), loadPhoneLinksCode()]))[0].LinkSheet,
);
// Hand-over's sheets come with its bundle code (src/state/handoverCode.ts), so they open ready to use.
export const ShareSheet = onDemand(
  async () => (await Promise.all([import('../handover/ShareSheet'), loadHandoverCode()]))[0].ShareSheet,
);
export const ImportSheet = onDemand(
  async () => (await Promise.all([import('../handover/ImportSheet'), loadHandoverCode()]))[0].ImportSheet,
);

/** The most used first: a point's details, proposing, the list. */
const ALL = [
  DetailsSheet,
  ProposeSheet,
  StackChooser,
  ListSheet,
  SettingsSheet,
  CirclesSheet,
  ShareSheet,
  ImportSheet,
  LinkSheet,
];

/**
 * Fetches every sheet's chunk once `idle` says the page has nothing else to
 * do (after the first paint). A failure is left for the sheet to meet when it
 * opens, which tries again then.
 */
export function preloadSheets(idle: (run: () => void) => void): void {
  idle(() => {
    for (const sheet of ALL) sheet.preload().catch(() => undefined);
  });
}
