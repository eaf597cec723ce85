import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'

const alias = { '@': fileURLToPath(new URL('./src', import.meta.url)) }

// Node for server/, sandbox/ and src/lib; jsdom for components (docs/architecture.md §12).
export default defineConfig({
  test: {
    // Vitest's default on a 2-core machine is one worker; most test time is PGlite start-up and
    // waiting on timers, so two workers overlap well (unit run 321 s → 238 s measured on CI's size).
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'server/**/*.test.ts',
            'sandbox/**/*.test.ts',
            'src/**/*.test.ts',
            'scripts/**/*.test.ts',
            // Sandbox answers parsed with the console's schemas (imports both; neither imports it).
            'contract/**/*.test.ts',
          ],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx'],
        },
      },
    ],
  },
})
