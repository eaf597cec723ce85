import { fileURLToPath, URL } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import { tanstackRouter } from '@tanstack/router-plugin/vite'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The router plugin must come before react() (docs/architecture.md §6).
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
    // would only add its bytes to the first page. Vite's preloading of each route's imports was
    // tried (issue #15): +2 KB gzip on the first page and no better in Lighthouse (mobile, /chat
    // 0.55–0.67 against 0.71–0.74 without it, /agents alike, interleaved runs), so it stays off.
    modulePreload: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'app', tags: ['$initial'] }],
        },
      },
    },
  },
})
