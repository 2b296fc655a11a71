/**
 * The web app's build: React pages under src/web, built to dist/web and served by the app
 * server at `/`. `npm run dev:web` serves it with hot reload, sending /api to the server.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Bundle sizes are reported by `npm run build:web` and checked by the web-bundle benchmark.
    reportCompressedSize: true,
    manifest: true,
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
