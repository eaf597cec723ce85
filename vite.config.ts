import { fileURLToPath, URL } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import { tanstackRouter } from '@tanstack/router-plugin/vite'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The router plugin must come before react() (STYLE.md §6).
export default defineConfig({
  plugins: [
    tanstackRouter({
      target: 'react',
      autoCodeSplitting: true,
      // pendingComponent is not split by default: its imports (a page's skeleton, and whatever its
      // module pulls in) would land in the first page's JS. Loaders are not split by default either:
      // each one's query options and zod schemas sat in the main chunk for every route. A loader
      // shares its route component's chunk, so a navigation still fetches one file.
      codeSplittingOptions: {
        defaultBehavior: [
          ['loader', 'component'],
          ['pendingComponent'],
          ['errorComponent'],
          ['notFoundComponent'],
        ],
      },
    }),
    react(),
    tailwindcss(),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    // A route's chunk and the chunks it imports are fetched together (one round trip instead of
    // one per level of imports: on a slow phone each level cost ~150 ms). Every browser the
    // console supports (es2022) knows <link rel="modulepreload">, so no polyfill. It adds 2 KB
    // (gzip) to the first page: the list of each route's chunks. (Grouping icons and UI
    // primitives into shared chunks instead was tried: it put 56 KB more on the first page.)
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'app', tags: ['$initial'] }],
        },
      },
    },
  },
})
