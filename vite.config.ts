/**
 * Builds the app into dist/ (served by the relay, `npm start`). `npm run dev`
 * proxies the relay's WebSocket (/gun) and runtime config to a relay started
 * beside it with `npm run relay` on 127.0.0.1:8765.
 * vite-plugin-pwa joins the plugin list in the offline issue.
 */
import solid from 'vite-plugin-solid';
import { defineConfig } from 'vite';

const RELAY = 'http://127.0.0.1:8765';

export default defineConfig({
  plugins: [solid()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/gun': { target: RELAY, ws: true },
      '/vada-config.json': { target: RELAY },
    },
  },
});
