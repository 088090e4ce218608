/**
 * Bundles that reach the app from outside it: a .vada file the system opened
 * with Vada (the manifest's file_handlers, through `launchQueue`), and text or
 * files shared to Vada (share_target, parked by the service worker), and a
 * map pack file shared to Vada (parked as is, for the pack import). Each is
 * handed to the app once.
 */
import {
  parseSharedTexts,
  SHARE_INBOX_CACHE,
  SHARE_INBOX_KEY,
  SHARE_PACK_KEY,
  SHARED_PACK_NAME,
  SHARED_PARAM,
} from '../domain/shareInbox';

interface LaunchParams {
  readonly files: readonly { getFile(): Promise<File> }[];
}
interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

/** What these functions use of the page, injectable for tests. */
export interface ReceivingWindow {
  readonly location: { readonly href: string };
  readonly history: Pick<History, 'replaceState' | 'state'>;
  readonly caches?: Pick<CacheStorage, 'open'>;
  readonly launchQueue?: LaunchQueue;
}

/** Calls `onFile` for every file the system launched Vada with (now and later); no-op without launchQueue. */
export function onLaunchedFiles(onFile: (file: File) => void, win: ReceivingWindow = window as ReceivingWindow): void {
  win.launchQueue?.setConsumer((params) => {
    for (const handle of params.files) void handle.getFile().then(onFile, () => undefined);
  });
}

/**
 * The text shared to Vada, when the page was opened by the share target:
 * removes the marker from the address bar and the parked entry from the
 * cache (read once), and returns the texts joined; undefined otherwise.
 */
export async function takeSharedText(win: ReceivingWindow = window as ReceivingWindow): Promise<string | undefined> {
  const url = new URL(win.location.href);
  if (!url.searchParams.has(SHARED_PARAM)) return undefined;
  url.searchParams.delete(SHARED_PARAM);
  win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
  if (!win.caches) return undefined;
  try {
    const cache = await win.caches.open(SHARE_INBOX_CACHE);
    const parked = await cache.match(SHARE_INBOX_KEY);
    await cache.delete(SHARE_INBOX_KEY);
    const texts = parked ? parseSharedTexts(await parked.json()) : undefined;
    return texts?.join('\n');
  } catch {
    return undefined;
  }
}

/** A map pack file parked by the share target, and how to let go of it. */
export interface SharedPack {
  readonly file: File;
  /** Deletes the parked copy: call once the import finished or was refused (the file reads from it until then). */
  release(): Promise<void>;
}

/**
 * The map pack file shared to Vada, if the share target parked one, as a
 * File under its shared name; undefined otherwise. The bytes stay in the
 * cache (on disk) until the import has streamed them, then `release()`.
 */
export async function takeSharedPack(
  win: ReceivingWindow = window as ReceivingWindow,
): Promise<SharedPack | undefined> {
  if (!win.caches) return undefined;
  try {
    const cache = await win.caches.open(SHARE_INBOX_CACHE);
    const parked = await cache.match(SHARE_PACK_KEY);
    if (!parked) return undefined;
    const blob = await parked.blob();
    let name = 'map.pmtiles';
    try {
      name = decodeURIComponent(parked.headers.get(SHARED_PACK_NAME) ?? '') || name;
    } catch {
      // A damaged name: the default one.
    }
    return {
      file: new File([blob], name, { type: blob.type }),
      release: () =>
        cache.delete(SHARE_PACK_KEY).then(
          () => undefined,
          () => undefined,
        ),
    };
  } catch {
    return undefined;
  }
}
