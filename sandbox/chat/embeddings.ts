// POST /api/v1/embeddings (docs/cloud/chat.md). Vectors are deterministic: words and character trigrams
// are hashed into the model's dimensions with a sign (feature hashing) and the sum normalised,
// so texts that share words point the same way — enough for similarity search to behave.
import { authenticate } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { methodNotAllowed, openAiError } from '../core/errors.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { costOf, priceFor, pricingUnavailable, reserve, ReserveFailed, settle } from './billing.ts'
import { isRecord, readJson } from './http.ts'
import { e10, e3, embeddingsRequest, embeddingsResponse } from './schemas.ts'
import { FamilyRoutes } from '../core/route.ts'
import { countTokens, encoderFor } from './tokens.ts'

/** Native vector sizes; `dimensions` is ignored by the cloud (docs/cloud/chat.md). */
const DIMENSIONS: Record<string, number> = {
  'openai/text-embedding-3-small': 1536,
  'openai/text-embedding-3-large': 3072,
  'openai/text-embedding-ada-002': 1536,
}

function hash32(text: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A unit vector of `dims` floats for `text`; the same text always gives the same vector. */
export function embed(text: string, dims: number): number[] {
  const v = new Float64Array(dims)
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  const add = (feature: string, weight: number) => {
    // Two buckets per feature make collisions cancel less often.
    for (let k = 0; k < 2; k++) {
      const h = hash32(feature, k)
      v[h % dims] = (v[h % dims] ?? 0) + ((h >>> 31) & 1 ? weight : -weight)
    }
  }
  for (const w of words) {
    add(`w:${w}`, 1)
    const padded = `#${w}#`
    for (let i = 0; i + 3 <= padded.length; i++) add(`t:${padded.slice(i, i + 3)}`, 0.35)
  }
  for (let i = 0; i + 1 < words.length; i++) add(`b:${words[i]} ${words[i + 1]}`, 0.5)
  let norm = 0
  for (const x of v) norm += x * x
  if (norm === 0) {
    // No letters or digits at all: still a valid unit vector, fixed by the raw text.
    v[hash32(text, 7) % dims] = 1
    norm = 1
  }
  const scale = 1 / Math.sqrt(norm)
  return Array.from(v, (x) => Math.round(x * scale * 1e8) / 1e8)
}

const toBase64 = (vector: number[]) =>
  Buffer.from(new Float32Array(vector).buffer).toString('base64')

const missing = (param: string) =>
  openAiError(400, {
    message: `Missing required parameter: ${param}`,
    type: 'invalid_request_error',
    code: 'missing_required_parameter',
    param,
  })

export function embeddingsRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('chat')
  const { app } = routes
  const path = '/api/v1/embeddings'
  routes.route({
    method: 'post',
    path: '/api/v1/embeddings',
    auth: 'key',
    note: 'docs/cloud/chat.md "POST /api/v1/embeddings"',
    summary: 'OpenAI-compatible embeddings (deterministic unit vectors at the native size)',
    body: embeddingsRequest,
    extension:
      'encoding_format "base64" is honoured (the cloud always returns floats; strict mode too)',
    responses: {
      200: { description: 'list of embeddings', schema: embeddingsResponse },
      400: e3('missing_required_parameter / invalid_value'),
      401: e3('authentication_error'),
      402: e3('insufficient_balance'),
      403: e3('inactive user or organization'),
      429: e10,
      500: e3('unpriced model'),
    },
    // RELAXED per key; the org tier (100/200/600 per min) is Redis-only (docs/cloud/auth-errors-limits.md §3).
    use: [rateLimit(ctx.limiter, PRESETS.RELAXED)],
    handler: async (c) => {
      const result = await authenticate(c.req.raw, ctx.db, ctx.balanceCache)
      // 401 and 403 are both authentication_error here (docs/cloud/chat.md "POST /api/v1/embeddings").
      if (!result.ok)
        return openAiError(result.status, { message: result.message, type: 'authentication_error' })
      const parsed = await readJson(c)
      if (!parsed.ok) return openAiError(500, { message: parsed.message, type: 'api_error' })
      const raw = isRecord(parsed.value) ? parsed.value : {}
      if (raw.input === undefined || raw.input === null) return missing('input')
      if (!raw.model) return missing('model')
      const emptyInput =
        (typeof raw.input === 'string' && raw.input.trim() === '') ||
        (Array.isArray(raw.input) &&
          (raw.input.length === 0 ||
            raw.input.some((s) => typeof s === 'string' && s.trim() === '')))
      if (emptyInput) {
        return openAiError(400, {
          message: 'Input cannot be empty',
          type: 'invalid_request_error',
          code: 'invalid_value',
          param: 'input',
        })
      }
      const checked = embeddingsRequest.safeParse(raw)
      if (!checked.success) {
        const issue = checked.error.issues[0]
        const param = (issue?.path ?? []).map(String).join('.')
        return openAiError(400, {
          message: `Invalid value for '${param}': ${issue?.message ?? 'invalid'}`,
          type: 'invalid_request_error',
          code: 'invalid_value',
          param,
        })
      }
      const body = checked.data
      const inputs = Array.isArray(body.input) ? body.input : [body.input]
      const price = priceFor(body.model, 'embedding')
      const dims = price ? DIMENSIONS[price.id] : undefined
      if (!price || dims === undefined) {
        return openAiError(500, {
          message: pricingUnavailable(body.model, 'embedding'),
          type: 'api_error',
        })
      }
      let reservation
      try {
        reservation = await reserve(ctx.db, {
          organizationId: result.auth.organizationId,
          userId: result.auth.userId,
          operation: `Embeddings: ${body.model}`,
          price,
          inputChars: inputs.reduce((n, s) => n + s.length, 0),
          outputTokens: 0,
        })
      } catch (error) {
        if (error instanceof ReserveFailed) {
          return openAiError(402, {
            message: error.message,
            type: 'insufficient_quota',
            code: 'insufficient_balance',
          })
        }
        throw error
      }
      const enc = await encoderFor('openai/text-embedding-3-small')
      const tokens = inputs.reduce((n, s) => n + countTokens(enc, s), 0)
      await settle(ctx.db, reservation, costOf(price, tokens, 0), {
        inputTokens: tokens,
        outputTokens: 0,
      })
      // The cloud always answers floats. The OpenAI SDK asks for base64 by default and would
      // misread floats, so the sandbox honours `encoding_format: "base64"` unless strict.
      const base64 = !ctx.strict && body.encoding_format === 'base64'
      return c.json({
        object: 'list',
        data: inputs.map((text, index) => {
          const vector = embed(text, dims)
          return { object: 'embedding', embedding: base64 ? toBase64(vector) : vector, index }
        }),
        model: body.model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      })
    },
  })
  app.all(path, () => methodNotAllowed(['POST', 'OPTIONS']))
  return routes
}
