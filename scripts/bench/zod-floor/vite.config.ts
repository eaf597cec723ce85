// No plugins: the zod floor build (bundle-breakdown.ts) is only zod/mini and its caller.
import { defineConfig } from 'vite'

export default defineConfig({ build: { target: 'es2022', modulePreload: false } })
