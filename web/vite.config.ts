import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

// The dashboard. `npm run dev` proxies /api to a running `staffcast serve` (port 3000, or
// STAFFCAST_PORT). The browser imports the pure WFM code from ../server/wfm (the Erlang
// calculator and interval planner), so the dev server may read the whole repository.
export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    host: '127.0.0.1',
    fs: { allow: [repo] },
    proxy: { '/api': `http://127.0.0.1:${process.env.STAFFCAST_PORT ?? 3000}` },
  },
});
