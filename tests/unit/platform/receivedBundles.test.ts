import { describe, expect, it } from 'vitest';
import { parseSharedTexts, SHARE_INBOX_CACHE, SHARE_INBOX_KEY } from '../../../src/domain/shareInbox';
import { onLaunchedFiles, takeSharedText, type ReceivingWindow } from '../../../src/platform/receivedBundles';

function fakeWindow(href: string, parked?: unknown) {
  const urls: string[] = [];
  const store = new Map<string, Response>();
  if (parked !== undefined) store.set(SHARE_INBOX_KEY, new Response(JSON.stringify(parked)));
  const opened: string[] = [];
  const win: ReceivingWindow = {
    location: { href },
    history: {
      state: null,
      replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void urls.push(String(url)),
    },
    caches: {
      open: async (name: string) => {
        opened.push(name);
        return {
          match: async (key: RequestInfo | URL) => store.get(String(key)),
          delete: async (key: RequestInfo | URL) => store.delete(String(key)),
        } as unknown as Cache;
      },
    },
  };
  return { win, urls, store, opened };
}

describe('takeSharedText', () => {
  it('reads the parked share once and takes the marker out of the address bar', async () => {
    const w = fakeWindow('https://vada.example/?shared=1#x', { texts: ['hello', 'vada1:abc'] });
    expect(await takeSharedText(w.win)).toBe('hello\nvada1:abc');
    expect(w.urls).toEqual(['/#x']);
    expect(w.opened).toEqual([SHARE_INBOX_CACHE]);
    expect(w.store.size).toBe(0);
    expect(await takeSharedText(fakeWindow('https://vada.example/?shared=1', undefined).win)).toBeUndefined();
  });

  it('does nothing on an ordinary start, keeping other query parameters', async () => {
    const w = fakeWindow('https://vada.example/?relay=x', { texts: ['hello'] });
    expect(await takeSharedText(w.win)).toBeUndefined();
    expect(w.urls).toEqual([]);
    expect(w.store.size).toBe(1);
    const other = fakeWindow('https://vada.example/?relay=x&shared=1', { texts: ['a'] });
    await takeSharedText(other.win);
    expect(other.urls).toEqual(['/?relay=x']);
  });

  it('refuses a parked entry that is not what the worker writes', async () => {
    expect(await takeSharedText(fakeWindow('https://v.example/?shared=1', { texts: [1, 2] }).win)).toBeUndefined();
    expect(parseSharedTexts({ texts: ['a'] })).toEqual(['a']);
    for (const bad of [null, [], 'x', { texts: 'a' }, { texts: [null] }]) expect(parseSharedTexts(bad)).toBeUndefined();
  });
});

describe('onLaunchedFiles', () => {
  it('hands every launched file to the app', async () => {
    const seen: string[] = [];
    let consumer: ((p: { files: { getFile(): Promise<File> }[] }) => void) | undefined;
    const win = {
      ...fakeWindow('https://v.example/').win,
      launchQueue: { setConsumer: (c: typeof consumer) => (consumer = c) },
    };
    onLaunchedFiles((f) => seen.push(f.name), win as ReceivingWindow);
    consumer?.({
      files: [{ getFile: async () => new File(['x'], 'a.vada') }, { getFile: async () => new File(['y'], 'b.vada') }],
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(['a.vada', 'b.vada']);
  });
});
