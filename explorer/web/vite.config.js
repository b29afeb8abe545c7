// Builds the explorer (index.html) and GraphiQL (graphiql.html) into
// ../dist, which the Go package pharmagraph/explorer embeds. File names
// carry a hash of their content, so the same sources build the same files.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 3000,
    modulePreload: { polyfill: false },
    rollupOptions: {
      // GraphiQL's dependencies mark their modules "use client", which means nothing here.
      onwarn(w, warn) {
        if (w.code !== 'MODULE_LEVEL_DIRECTIVE') warn(w);
      },
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        graphiql: fileURLToPath(new URL('graphiql.html', import.meta.url)),
      },
    },
  },
});
