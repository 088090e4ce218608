/**
 * The query parameter that gives a chunk retried after a failed load a fresh
 * URL (src/domain/retryingImport.ts). Its own module so the service worker,
 * which must ignore it when matching its precache (service-worker/sw.ts),
 * imports nothing else.
 */
export const CHUNK_RETRY_PARAM = 'vada-retry';
