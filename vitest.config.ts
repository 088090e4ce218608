/**
 * Five projects: fast unit/contract tests in Node, UI/state tests in jsdom with
 * Solid's compiler, integration tests against real relay processes, browser
 * end-to-end tests in Debian Chromium, and phone-link tests (real WebRTC between
 * Chromium contexts, inside a private network namespace: scripts/isolatedNet.sh). `.only` fails the run.
 * The Solid plugin is applied to the `ui` project only: its browser resolve
 * conditions make GUN in Node believe it runs in a browser (no peers open).
 */
import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A forgotten .only would silently skip the rest of a suite: it fails every run, not only CI.
    allowOnly: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/contract/**/*.test.ts'],
          exclude: ['tests/unit/{ui,state,map,i18n}/**'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        plugins: [solid()],
        test: {
          name: 'ui',
          include: ['tests/unit/{ui,state,map,i18n}/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['tests/fixtures/setupUnit.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Phone links over real WebRTC: run inside scripts/isolatedNet.sh's private network namespace.
          name: 'links',
          include: ['tests/links/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
