// The smallest honest use of zod/mini in a browser (bundle-breakdown.ts builds this alone): object,
// array, enum, nullable and optional schemas checked with `safeParse`, as every API response is.
import { safeParse } from 'zod/v4/core'
import { z } from 'zod/mini'

const schema = z.object({
  id: z.string(),
  amount: z.number(),
  enabled: z.boolean(),
  note: z.nullable(z.string()),
  rows: z.optional(z.array(z.object({ kind: z.enum(['a', 'b']) }))),
})

// Input the bundler cannot know, so nothing is folded away.
console.log(safeParse(schema, JSON.parse(import.meta.url.length > 0 ? '{}' : '[]')))
