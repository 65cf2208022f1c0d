import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The web client. `vite build apps/web` writes apps/web/dist, which the API serves at / (libs/platform/src/web).
 * `vite apps/web` is a dev server proxying the API's routes to API_URL (default http://localhost:3000).
 */
const api = process.env.API_URL ?? 'http://localhost:3000';
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline script anywhere (the CSP forbids it): Vite's module preload polyfill would be inline.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: Object.fromEntries(['/graphql', '/auth', '/exports', '/calendar', '/health'].map((p) => [p, api])),
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    css: false,
  },
});
