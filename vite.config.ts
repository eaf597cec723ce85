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
    // Every browser the console supports (es2022) knows <link rel="modulepreload">; the polyfill
    // would only add its bytes to the first page.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Beside the first page's own chunk: the icons and the shared UI primitives that later
          // pages use, one chunk each, instead of one small file per icon or primitive. A page
          // opened cold on a phone fetched 50 files in three waves (each wave a round trip on a
          // slow network, six files at a time over HTTP/1.1).
          groups: [
            { name: 'app', tags: ['$initial'], priority: 3 },
            { name: 'icons', test: /node_modules[\\/]lucide-react/, priority: 2 },
            {
              name: 'ui',
              test: /node_modules[\\/](radix-ui|@radix-ui|@floating-ui|react-remove-scroll|react-style-singleton|use-callback-ref|use-sidecar|aria-hidden|get-nonce|detect-node-es|tslib)[\\/]|src[\\/]components[\\/]ui[\\/]/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
})
