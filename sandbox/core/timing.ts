// How fast the sandbox pretends to work. Realistic by default so the console shows real streaming
// and progress; tests make it instant (SandboxOptions.timing, or PUT /__sandbox/timing in test mode).
import { z } from 'zod'

export const timingInput = z.object({
  /** Delay between streamed chat tokens. */
  tokenDelayMs: z.number().int().min(0).max(10_000),
  /** How long a generate-video call holds the request (docs/cloud/media.md: synchronous, up to ~5 min). */
  videoDelayMs: z.number().int().min(0).max(600_000),
  /** Delay of one image generation. */
  imageDelayMs: z.number().int().min(0).max(600_000),
  /** One step of an agent's or container's lifecycle (e.g. provisioning → running). */
  lifecycleStepMs: z.number().int().min(0).max(600_000),
  /**
   * How often a running emulated container prints a traffic line (containers: its logs grow with
   * time). A cadence, not a wait: the instant test pace keeps a realistic one.
   */
  logIntervalMs: z.number().int().min(50).max(3_600_000),
})
export type Timing = z.infer<typeof timingInput>

export const REALISTIC_TIMING: Timing = {
  tokenDelayMs: 25,
  videoDelayMs: 8_000,
  imageDelayMs: 1_200,
  lifecycleStepMs: 2_500,
  logIntervalMs: 10_000,
}

export const INSTANT_TIMING: Timing = {
  tokenDelayMs: 0,
  videoDelayMs: 0,
  imageDelayMs: 0,
  lifecycleStepMs: 0,
  logIntervalMs: 10_000,
}

/** Resolves once `ms` passed, or at once when `signal` aborts (the client went away). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}
