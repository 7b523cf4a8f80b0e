import { defineConfig } from 'vite';

// The bundle goes where `newsgraph serve` looks for it: NEWSGRAPH_WEB_OUT (the
// CMake target `web` sets it to BUILD/web), else dist/.
export default defineConfig({
  build: {
    outDir: process.env.NEWSGRAPH_WEB_OUT || 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
