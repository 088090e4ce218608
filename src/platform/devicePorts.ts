/**
 * The device capabilities the UI uses, as one port: the clipboard, bundle
 * files (share sheet, download, reading a picked file), map pack files
 * (share sheet or download), the app PIN, the offline-start probe and the
 * QR scanner. Why one port: src/ui imports only
 * types from src/platform, so a component reaches these through the store
 * (`useVada().device`), and a test hands the store fakes instead of the
 * browser's APIs.
 */
import {
  canShareBundleFile,
  downloadBundleFile,
  readBundleFile,
  shareBundleFile,
  type FileReadResult,
  type FileShareOutcome,
} from './bundleFile';
import { copyText } from './clipboard';
import { startQrScannerLazily, type StartQrScanner } from './loadQrScanner';
import { browserPackFiles, type PackFilePort } from './packFile';
import { hasPin } from './pinRecord';
import { offlineStart, type OfflineStartSource } from './serviceWorker';

/** Bundles as files (bundleFile.ts). */
export interface BundleFilePort {
  /** True when the system share sheet takes files here. */
  canShare(): boolean;
  /** Hands the bundle text to the share sheet as `<base>.vada`. */
  share(text: string, base: string): Promise<FileShareOutcome>;
  /** Saves the bundle text as a `<base>.vada` download. */
  download(text: string, base: string): FileShareOutcome;
  /** Reads a picked, dropped or launched file, refusing one too large to be a bundle. */
  read(file: Blob): Promise<FileReadResult>;
}

/** The optional app PIN (pinLock.ts): setting or removing it erases this phone's data and reloads. */
export interface AppPinPort {
  isSet(): boolean;
  set(pin: string, duress: string): Promise<void>;
  remove(): Promise<void>;
}

/** Everything of the device the UI uses besides the store's own slices. */
export interface DevicePorts {
  /** Copies text; false when the browser refuses or has no clipboard. */
  copyText(text: string): Promise<boolean>;
  readonly files: BundleFilePort;
  /** Map pack files to the share sheet or a download (packFile.ts). */
  readonly packFiles: PackFilePort;
  readonly pin: AppPinPort;
  /** Whether Vada can start offline from this address (the service worker's registration). */
  readonly offlineStart: OfflineStartSource;
  /** Starts the camera's QR scanner (its code loads on first use). */
  readonly startQrScanner: StartQrScanner;
}

/** The device ports on this browser's own APIs. */
export function browserDevice(): DevicePorts {
  return {
    copyText,
    files: { canShare: canShareBundleFile, share: shareBundleFile, download: downloadBundleFile, read: readBundleFile },
    packFiles: browserPackFiles,
    // Setting and removing the PIN (key derivation, re-sealing) load with first use.
    pin: {
      isSet: () => hasPin(),
      set: async (pin, duress) => (await import('./pinLock')).setAppPin(pin, duress),
      remove: async () => (await import('./pinLock')).removeAppPin(),
    },
    offlineStart,
    startQrScanner: startQrScannerLazily,
  };
}
