import { z } from 'zod/mini'

/** GET /_console/info: the local proxy's own report on where it forwards to. */
export const consoleInfoSchema = z.object({
  upstream: z.object({
    kind: z.enum(['sandbox', 'cloud']),
    /** 'Sandbox' or the cloud's host. */
    label: z.string(),
    host: z.string(),
    embedded: z.boolean(),
    strict: z.nullable(z.boolean()),
  }),
  reachable: z.boolean(),
  latencyMs: z.nullable(z.number()),
  checkedAt: z.string(),
  /** The name of the proxy's key variable (the browser never learns the key itself). */
  keyVariable: z.string(),
  /**
   * The proxy's own key as the keys list shows it (its 12-character prefix, never the secret) and
   * whether the proxy replaces it when it is changed from the keys page (docs/api-keys.md).
   */
  consoleKey: z.optional(z.object({ prefix: z.string(), recovery: z.enum(['reissue', 'none']) })),
})
export type ConsoleInfo = z.infer<typeof consoleInfoSchema>
