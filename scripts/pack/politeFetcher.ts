/**
 * One tile request the way a tile server's operator would want it: a
 * User-Agent naming Vada, a timeout, and on HTTP 429 / 503 a pause of the
 * whole download for as long as Retry-After says (or an exponential backoff
 * when it says nothing), shared by every worker so a busy server sees no
 * request until then. Network errors are retried the same way; a server
 * that keeps failing stops the run with the URL (what was fetched is kept).
 */
import type { PackTileType } from '../../src/tiles/packInfo';
import { tileTypeOf } from './tileType';

export type TileAnswer =
  { readonly kind: 'tile'; readonly bytes: Uint8Array; readonly type: PackTileType } | { readonly kind: 'missing' };

/** A tile that cannot be fetched: stops the run; the message names the URL. */
export class TileFetchError extends Error {
  override readonly name = 'TileFetchError';
}

export interface FetcherOptions {
  readonly userAgent: string;
  /** Tries per tile, the first included; default 6. */
  readonly attempts?: number;
  /** Longest wait the fetcher accepts from Retry-After, ms; default 5 minutes. */
  readonly maxWaitMs?: number;
  readonly timeoutMs?: number;
  /** Told of each pause (ms, why). */
  readonly onWait?: (ms: number, why: string) => void;
}

/** Retry-After as ms: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A fetch function for tiles; every call shares the pause state. */
export function politeFetcher(opts: FetcherOptions): (url: string) => Promise<TileAnswer> {
  const attempts = opts.attempts ?? 6;
  const maxWait = opts.maxWaitMs ?? 300_000;
  let pausedUntil = 0;
  const pause = (ms: number, why: string) => {
    pausedUntil = Math.max(pausedUntil, Date.now() + ms);
    opts.onWait?.(ms, why);
  };
  return async (url) => {
    for (let attempt = 1; ; attempt++) {
      while (Date.now() < pausedUntil) await sleep(pausedUntil - Date.now());
      const backoff = Math.min(60_000, 1000 * 2 ** (attempt - 1));
      const last = attempt >= attempts;
      let res: Response;
      try {
        res = await fetch(url, {
          headers: { 'User-Agent': opts.userAgent, Accept: 'image/png,image/jpeg,image/webp,image/*;q=0.8' },
          signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
        });
      } catch (e) {
        const why = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
        if (last) throw new TileFetchError(`${url}: ${why} (after ${attempt} tries)`);
        pause(backoff, `network error: ${why}`);
        continue;
      }
      if (res.status === 429 || res.status === 503) {
        await res.body?.cancel().catch(() => {});
        const asked = retryAfterMs(res.headers.get('Retry-After'), Date.now());
        if (asked !== undefined && asked > maxWait)
          throw new TileFetchError(
            `${url}: HTTP ${res.status}, the server asks to wait ${Math.round(asked / 1000)} s; run again later (tiles so far are kept)`,
          );
        if (last) throw new TileFetchError(`${url}: HTTP ${res.status} (after ${attempt} tries)`);
        pause(asked ?? backoff, `HTTP ${res.status}`);
        continue;
      }
      if (res.status === 404 || res.status === 204) {
        await res.body?.cancel().catch(() => {});
        return { kind: 'missing' };
      }
      if (res.status !== 200) {
        await res.body?.cancel().catch(() => {});
        throw new TileFetchError(`${url}: HTTP ${res.status}`);
      }
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await res.arrayBuffer());
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        if (last) throw new TileFetchError(`${url}: ${why} (after ${attempt} tries)`);
        pause(backoff, `network error: ${why}`);
        continue;
      }
      const checked = tileTypeOf(res.headers.get('Content-Type'), bytes);
      if ('problem' in checked) throw new TileFetchError(`${url}: ${checked.problem}`);
      return { kind: 'tile', bytes, type: checked.type };
    }
  };
}
