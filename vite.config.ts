/**
 * Builds the app into dist/ (served by the relay, `npm start`), with the
 * service worker (service-worker/sw.ts, Workbox injectManifest) and the web
 * app manifest. `npm run dev` proxies the relay's WebSocket (/gun) and runtime
 * config to a relay started beside it with `npm run relay` on 127.0.0.1:8765.
 */
import { resolve } from 'node:path';
import solid from 'vite-plugin-solid';
import { defineConfig, type Rolldown } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const RELAY = 'http://127.0.0.1:8765';
const THEME = '#0b57d0';
const ENTRY = resolve(import.meta.dirname, 'src/main.tsx');

/**
 * Every module the entry imports statically, found once per chunking pass: they load at start
 * anyway, so they go into one chunk instead of the many small shared chunks Rolldown would
 * otherwise cut wherever a lazy chunk (a sheet, a language) also uses one of them. One chunk
 * compresses better than twelve (docs/decisions/code-splitting.md).
 */
function atStart(): (id: string, ctx: Rolldown.ChunkingContext) => string | null {
  let seen: Set<string> | undefined;
  const walk = (ctx: Rolldown.ChunkingContext) => {
    const found = new Set<string>();
    const todo = [ENTRY];
    for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
      if (found.has(id)) continue;
      found.add(id);
      todo.push(...(ctx.getModuleInfo(id)?.importedIds ?? []));
    }
    return found;
  };
  // The entry module itself stays in its own chunk, so every build (also one with more pages, as
  // the tests' probe builds are) keeps an entry chunk for index.html that imports the `app` chunk.
  return (id, ctx) => (id !== ENTRY && (seen ??= walk(ctx)).has(id) ? 'app' : null);
}

export default defineConfig({
  plugins: [
    solid(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'service-worker',
      filename: 'sw.ts',
      // src/platform/serviceWorker.ts registers it and asks the user before updating.
      registerType: 'prompt',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      // The glob below already precaches the icons and favicon once.
      includeManifestIcons: false,
      manifest: {
        name: 'Vada',
        short_name: 'Vada',
        description: 'Pop-up gathering points on a map, shared through relays you choose. Works offline.',
        theme_color: THEME,
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        // .vada files and map packs (.pmtiles) open in Vada (Chromium desktop; Android opens them through
        // the share target). The page sends a .pmtiles file to the map pack import, anything else to bundles.
        file_handlers: [
          { action: '/', accept: { 'application/x-vada': ['.vada'] } },
          { action: '/', accept: { 'application/vnd.pmtiles': ['.pmtiles'] } },
        ],
        // Text and files shared to Vada from Messages, messengers, Files or Bluetooth: handled by the
        // service worker (service-worker/shareTarget.ts), never sent to a server.
        share_target: {
          action: '/share-target',
          method: 'POST',
          enctype: 'multipart/form-data',
          params: {
            title: 'title',
            text: 'text',
            url: 'url',
            // Map packs too: Android's Files app sends a .pmtiles file as application/octet-stream.
            files: [
              {
                name: 'file',
                accept: [
                  '.vada',
                  'application/x-vada',
                  'text/plain',
                  '.txt',
                  '.pmtiles',
                  'application/vnd.pmtiles',
                  'application/octet-stream',
                ],
              },
            ],
          },
        },
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      },
      devOptions: { enabled: false },
    }),
  ],
  // The verify worker (src/workers/verify.worker.ts) is a module worker: ES chunks, so it shares
  // code splitting with the app and loads under CSP `worker-src 'self'` like any same-origin script.
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: atStart() }] } } },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/gun': { target: RELAY, ws: true },
      '/vada-config.json': { target: RELAY },
    },
  },
});
