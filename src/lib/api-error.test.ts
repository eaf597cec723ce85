import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { z as zMini } from 'zod/mini'

import { ApiError, isApiError } from './api-error'
import { apiErrorFromBody } from './api-error-body'

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

afterEach(() => {
  vi.useRealTimers()
})

describe('ApiError.fromResponse: cloud shapes', () => {
  it('E1 edge gate, no credential (docs/cloud/auth-errors-limits.md §2 E1)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(401, { success: false, error: 'Unauthorized', code: 'authentication_required' }),
    )
    expect(err).toBeInstanceOf(ApiError)
    expect(err.name).toBe('ApiError')
    expect(err.kind).toBe('unauthorized')
    expect(err.status).toBe(401)
    expect(err.message).toBe('Unauthorized')
    expect(err.details).toEqual({ code: 'authentication_required' })
  })

  it('E1 session-only path with a key → session_only, although the status is 401 (E1 table)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(401, {
        success: false,
        error:
          'This endpoint requires session authentication. API keys and Bearer tokens are not accepted.',
        code: 'session_auth_required',
      }),
    )
    expect(err.kind).toBe('session_only')
    expect(err.details.code).toBe('session_auth_required')
    expect(err.message).toMatch(/requires session authentication/)
  })

  it('E2 canonical shape: invalid key on the agent list (docs/cloud/auth-errors-limits.md §2 E2)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(401, {
        success: false,
        error: 'Invalid or expired API key',
        code: 'authentication_required',
      }),
    )
    expect(err.kind).toBe('unauthorized')
    expect(err.message).toBe('Invalid or expired API key')
  })

  it('E2 access_denied on the balance route (docs/cloud/billing.md §1)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(403, {
        success: false,
        error: 'This feature requires a full account. Please sign up to continue.',
        code: 'access_denied',
      }),
    )
    expect(err.kind).toBe('forbidden')
    expect(err.details.code).toBe('access_denied')
  })

  it('E2 without code keeps the generic 5xx message (docs/cloud/auth-errors-limits.md §2 E2, errorToResponse)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(500, { success: false, error: 'An unexpected error occurred' }),
    )
    expect(err.kind).toBe('server')
    expect(err.message).toBe('An unexpected error occurred')
    expect(err.details.code).toBeUndefined()
  })

  it('E2 session_not_ready → conflict by code', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(409, { success: false, error: 'Session not ready', code: 'session_not_ready' }),
    )
    expect(err.kind).toBe('conflict')
  })

  it('E3 OpenAI shape, insufficient credits with the amount in the text (docs/cloud/chat.md, Errors)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(402, {
        error: {
          message: 'Insufficient credits. Required: $0.0042',
          type: 'insufficient_quota',
          code: 'insufficient_credits',
        },
      }),
    )
    expect(err.kind).toBe('insufficient_credits')
    expect(err.message).toBe('Insufficient credits. Required: $0.0042')
    expect(err.details.code).toBe('insufficient_credits')
    expect(err.details.requiredUsd).toBe(0.0042)
  })

  it('E3 without code falls back to the type (docs/cloud/chat.md, bad key)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(401, {
        error: { message: 'Invalid or expired API key', type: 'authentication_error' },
      }),
    )
    expect(err.kind).toBe('unauthorized')
    expect(err.details.code).toBe('authentication_error')
  })

  it('E3 provider rate limit uses the type rate_limit_error (docs/cloud/chat.md)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(429, { error: { message: 'Provider quota hit', type: 'rate_limit_error' } }),
    )
    expect(err.kind).toBe('rate_limited')
  })

  it('E3 unknown code uses the status: model_not_found 404 (docs/cloud/chat.md, model detail)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(404, {
        error: {
          message: "Model 'x/y' not found",
          type: 'invalid_request_error',
          code: 'model_not_found',
        },
      }),
    )
    expect(err.kind).toBe('not_found')
    expect(err.details.code).toBe('model_not_found')
  })

  it('E3 raw exception text on a 500 is kept (docs/cloud/chat.md, agent id as model)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(500, {
        error: {
          message: 'Pricing unavailable for language:input openai/3f6c2a10-…',
          type: 'api_error',
        },
      }),
    )
    expect(err.kind).toBe('server')
    expect(err.message).toBe('Pricing unavailable for language:input openai/3f6c2a10-…')
  })

  it('E3 503 service_unavailable → unavailable (docs/cloud/chat.md)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(503, {
        error: {
          message: 'AI services are not configured on this deployment',
          type: 'service_unavailable',
          code: 'ai_not_configured',
        },
      }),
    )
    expect(err.kind).toBe('unavailable')
    expect(err.details.code).toBe('ai_not_configured')
  })

  it('E3 request_too_large 413 (docs/cloud/auth-errors-limits.md §4, /api/v1/responses)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(413, {
        error: {
          message: 'Request body exceeds 4194304 bytes',
          type: 'invalid_request_error',
          code: 'request_too_large',
        },
      }),
    )
    expect(err.kind).toBe('too_large')
  })

  it('E4 Anthropic shape (docs/cloud/auth-errors-limits.md §2 E4)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(401, {
        type: 'error',
        error: { type: 'authentication_error', message: 'Invalid or expired API key' },
      }),
    )
    expect(err.kind).toBe('unauthorized')
    expect(err.message).toBe('Invalid or expired API key')
    expect(err.details.code).toBe('authentication_error')
  })

  it('E4 permission_error → forbidden', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(403, { type: 'error', error: { type: 'permission_error', message: 'No.' } }),
    )
    expect(err.kind).toBe('forbidden')
  })

  it('E5 bare string with a zod issue array (docs/cloud/auth-errors-limits.md §2 E5)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(400, {
        error: 'Validation error',
        details: [
          {
            origin: 'string',
            code: 'too_small',
            minimum: 1,
            inclusive: true,
            path: ['name'],
            message: 'Name is required',
          },
        ],
      }),
    )
    expect(err.kind).toBe('invalid')
    expect(err.details.fieldErrors).toEqual({ name: ['Name is required'] })
    expect(err.message).toBe('Validation error (name: Name is required)')
  })

  it('E5 issue array with nested paths and a root issue (docs/cloud/containers.md, agents share)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(400, {
        success: false,
        error: 'Invalid request data',
        details: [
          {
            expected: 'string',
            code: 'invalid_type',
            path: ['project_name'],
            message: 'Invalid input: expected string, received undefined',
          },
          { code: 'custom', path: ['ports', 0, 'containerPort'], message: 'Too big' },
          { code: 'custom', path: ['ports', 0, 'containerPort'], message: 'Not an integer' },
          { code: 'custom', path: [], message: 'Body must be an object' },
        ],
      }),
    )
    expect(err.details.fieldErrors).toEqual({
      project_name: ['Invalid input: expected string, received undefined'],
      'ports.0.containerPort': ['Too big', 'Not an integer'],
      root: ['Body must be an object'],
    })
  })

  it('E5 insufficient credits with `required` (docs/cloud/media.md, image 402)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(402, { error: 'Insufficient credits for image generation', required: 0.0936 }),
    )
    expect(err.kind).toBe('insufficient_credits')
    expect(err.details.requiredUsd).toBe(0.0936)
    expect(err.message).toBe('Insufficient credits for image generation')
  })

  it('E5 `details.required` (docs/cloud/media.md, voice clone 402)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(402, {
        error: 'Insufficient balance',
        details: { required: 0.504, cloneType: 'instant' },
      }),
    )
    expect(err.details.requiredUsd).toBe(0.504)
    expect(err.details.fieldErrors).toBeUndefined()
  })

  it('E5 with an explanatory `message` joins both (docs/cloud/billing.md auto top-up; docs/cloud/media.md voice id)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(400, {
        error: 'Auto top-up is not enabled',
        message: 'Please enable auto top-up first',
      }),
    )
    expect(err.message).toBe('Auto top-up is not enabled. Please enable auto top-up first')
    const notFound = await ApiError.fromResponse(
      jsonResponse(404, {
        error: 'Voice not found',
        message: 'Voice not found in your organization. …',
      }),
    )
    expect(notFound.message).toBe('Voice not found in your organization. …')
    expect(notFound.kind).toBe('not_found')
  })

  it('E5 503 with textual retryAfter (docs/cloud/media.md, TTS provider quota)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(503, {
        error:
          'Voice service is temporarily unavailable due to high demand. Please try again in a few moments.',
        type: 'service_unavailable',
        retryAfter: '5 minutes',
      }),
    )
    expect(err.kind).toBe('unavailable')
    expect(err.details.retryAfterSec).toBe(300)
  })

  it('E5 flat field record (docs/cloud/billing.md, crypto payment validation)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(400, {
        error: 'Validation failed',
        details: { amount: ['Minimum amount is $1'] },
      }),
    )
    expect(err.details.fieldErrors).toEqual({ amount: ['Minimum amount is $1'] })
  })

  it('E5 per-file failures keyed by filename (docs/cloud/knowledge.md §7, pre-upload rollback)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(400, {
        error: 'Some files failed to upload - batch rolled back',
        details: [{ filename: 'faq.txt', error: 'Blob store unavailable' }],
        orphanedBlobs: [],
      }),
    )
    expect(err.kind).toBe('invalid')
    expect(err.details.fieldErrors).toEqual({ 'faq.txt': ['Blob store unavailable'] })
    expect(err.message).toBe(
      'Some files failed to upload - batch rolled back (faq.txt: Blob store unavailable)',
    )
  })

  it('E6 success flag with a zod formatted tree (docs/cloud/auth-errors-limits.md §2 E6)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(400, {
        success: false,
        error: 'Invalid request data',
        details: { _errors: [], name: { _errors: ['Name is required'] } },
      }),
    )
    expect(err.kind).toBe('invalid')
    expect(err.message).toBe('Invalid request data (name: Name is required)')
    expect(err.details.fieldErrors).toEqual({ name: ['Name is required'] })
    expect(err.details.code).toBeUndefined()
  })

  it('E6 nested tree and root errors (docs/cloud/billing.md settings)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(400, {
        success: false,
        error: 'Invalid request data',
        details: {
          _errors: ['Unrecognized key: "foo"'],
          autoTopUp: {
            _errors: [],
            amount: { _errors: ['Too small: expected number to be >=1'] },
          },
        },
      }),
    )
    expect(err.details.fieldErrors).toEqual({
      root: ['Unrecognized key: "foo"'],
      'autoTopUp.amount': ['Too small: expected number to be >=1'],
    })
  })

  it('E6 `requiredBalance` → requiredUsd (docs/cloud/agents.md)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(402, {
        success: false,
        error: 'Insufficient balance',
        requiredBalance: 15,
        currentBalance: 2,
      }),
    )
    expect(err.kind).toBe('insufficient_credits')
    expect(err.details.requiredUsd).toBe(15)
  })

  it('E6 viewer role, quota exceeded → forbidden with no field errors (docs/cloud/agents.md)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(403, {
        success: false,
        error: 'Agent quota exceeded. Your organization has reached the maximum of 5 agents.',
        details: {
          current: 5,
          max: 5,
          upgrade_hint: 'Add credits to your account to increase your agent limit.',
        },
      }),
    )
    expect(err.kind).toBe('forbidden')
    expect(err.details.fieldErrors).toBeUndefined()
  })

  it('E7 JSON-RPC unknown method (docs/cloud/auth-errors-limits.md §2 E7)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(404, {
        jsonrpc: '2.0',
        error: { code: -32601, message: 'Method not found: tasks/send' },
        id: 1,
      }),
    )
    expect(err.kind).toBe('not_found')
    expect(err.message).toBe('Method not found: tasks/send')
    expect(err.details.code).toBe('-32601')
  })

  it.each([
    [400, -32700, 'Parse error: Invalid JSON', 'invalid'],
    [400, -32600, 'Invalid Request: Does not conform to JSON-RPC 2.0', 'invalid'],
    [401, -32010, 'Invalid or expired API key', 'unauthorized'],
    [429, -32012, 'Rate limited', 'rate_limited'],
    [402, -32011, 'Insufficient credits: need $0.0123, have $0.0040', 'insufficient_credits'],
    [404, -32001, 'Task not found: abc', 'not_found'],
    [403, -32013, 'Account suspended due to policy violations', 'forbidden'],
    [500, -32603, 'Message must contain at least one part', 'server'],
    [200, -32602, 'messages required', 'invalid'],
    [403, -32001, 'Agent not accessible', 'forbidden'],
  ] as const)(
    'E7 code table: HTTP %i, code %i (docs/cloud/a2a-discovery.md, Errors)',
    async (status, code, message, kind) => {
      const err = apiErrorFromBody(status, { jsonrpc: '2.0', error: { code, message }, id: null })
      expect(err.kind).toBe(kind)
      expect(err.message).toBe(message)
      expect(err.status).toBe(status)
    },
  )

  it('E7 insufficient credits reads the amount from the message', () => {
    const err = apiErrorFromBody(402, {
      jsonrpc: '2.0',
      error: { code: -32011, message: 'Insufficient credits: need $0.0123, have $0.0040' },
      id: 1,
    })
    expect(err.details.requiredUsd).toBe(0.0123)
  })

  it('E8 compat envelope (docs/cloud/auth-errors-limits.md §2 E8)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(500, { success: false, error: 'Internal server error' }),
    )
    expect(err.kind).toBe('server')
    expect(err.message).toBe('Internal server error')
  })

  it('E9 empty 500 (docs/cloud/auth-errors-limits.md §2 E9)', async () => {
    const err = await ApiError.fromResponse(new Response(null, { status: 500 }))
    expect(err.kind).toBe('server')
    expect(err.status).toBe(500)
    expect(err.message).toBe('The cloud answered 500 with an empty body.')
    expect(err.details).toEqual({})
  })

  it('E9 whitespace-only body counts as empty', async () => {
    const err = await ApiError.fromResponse(new Response(' \n', { status: 500 }))
    expect(err.message).toBe('The cloud answered 500 with an empty body.')
  })

  it('E10 rate limiter with Retry-After header (docs/cloud/auth-errors-limits.md §2 E10)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(
        429,
        {
          success: false,
          error: 'Too many requests',
          code: 'rate_limit_exceeded',
          message: 'Rate limit exceeded. Maximum 200 requests per 60 seconds.',
          retryAfter: 60,
        },
        {
          'Retry-After': '42',
          'X-RateLimit-Limit': '200',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Policy': 'redis',
        },
      ),
    )
    expect(err.kind).toBe('rate_limited')
    expect(err.details.code).toBe('rate_limit_exceeded')
    // the header wins over the body
    expect(err.details.retryAfterSec).toBe(42)
    expect(err.message).toBe(
      'Too many requests. Rate limit exceeded. Maximum 200 requests per 60 seconds.',
    )
  })

  it('E10 body retryAfter when there is no header', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(429, {
        success: false,
        error: 'Too many requests',
        code: 'rate_limit_exceeded',
        message: 'Rate limit exceeded. Maximum 200 requests per 60 seconds.',
        retryAfter: 60,
      }),
    )
    expect(err.details.retryAfterSec).toBe(60)
  })

  it('Retry-After as an HTTP date', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-04-20T12:00:00Z'))
    const err = await ApiError.fromResponse(
      jsonResponse(
        429,
        { error: 'Too many requests' },
        {
          'Retry-After': 'Mon, 20 Apr 2026 12:01:30 GMT',
        },
      ),
    )
    expect(err.details.retryAfterSec).toBe(90)
  })

  it('Retry-After date in the past gives 0, not a negative wait', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-04-20T12:00:00Z'))
    const err = await ApiError.fromResponse(
      jsonResponse(
        429,
        { error: 'Too many requests' },
        {
          'Retry-After': 'Mon, 20 Apr 2026 11:00:00 GMT',
        },
      ),
    )
    expect(err.details.retryAfterSec).toBe(0)
  })

  it('429 without Retry-After falls back to the ISO X-RateLimit-Reset (E10)', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-04-20T12:00:00Z'))
    const err = await ApiError.fromResponse(
      new Response('', {
        status: 429,
        headers: { 'X-RateLimit-Reset': '2026-04-20T12:00:15.000Z' },
      }),
    )
    expect(err.kind).toBe('rate_limited')
    expect(err.details.retryAfterSec).toBe(15)
  })

  it('A2A org rate limit: -32012 with no headers has no retryAfterSec (docs/cloud/auth-errors-limits.md §3)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(429, {
        jsonrpc: '2.0',
        error: { code: -32012, message: 'Rate limited' },
        id: 1,
      }),
    )
    expect(err.kind).toBe('rate_limited')
    expect(err.details.retryAfterSec).toBeUndefined()
  })
})

describe('ApiError.fromResponse: non-JSON bodies', () => {
  it('an HTML 502 page: message from the status, tag-free excerpt in raw', async () => {
    const html = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title><style>body{color:red}</style>
<script>console.log("x")</script></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare &amp; nginx</center></body></html>`
    const err = await ApiError.fromResponse(
      new Response(html, { status: 502, headers: { 'Content-Type': 'text/html' } }),
    )
    expect(err.kind).toBe('unavailable')
    expect(err.status).toBe(502)
    expect(err.message).toBe(
      'The cloud answered 502 Bad Gateway with an HTML page instead of JSON.',
    )
    expect(err.details.raw).toBe('502 Bad Gateway 502 Bad Gateway cloudflare & nginx')
    expect(err.details.raw).not.toMatch(/[<>]|color:red|console/)
  })

  it('a long text body is cut to a short excerpt', async () => {
    const err = await ApiError.fromResponse(new Response('x'.repeat(5000), { status: 500 }))
    expect(err.kind).toBe('server')
    expect(err.details.raw?.length).toBeLessThanOrEqual(200)
    expect(err.message).toBe(
      'The cloud answered 500 Internal Server Error with a body that is not a JSON error.',
    )
  })

  it('JSON that is not an error object keeps the status message', async () => {
    const err = await ApiError.fromResponse(jsonResponse(400, ['unexpected']))
    expect(err.kind).toBe('invalid')
    expect(err.details.raw).toBe('["unexpected"]')
  })

  it('a body that cannot be read still gives an ApiError', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.error(new TypeError('terminated'))
      },
    })
    const err = await ApiError.fromResponse(new Response(body, { status: 503 }))
    expect(err.kind).toBe('unavailable')
    expect(err.message).toMatch(/could not be read/)
  })
})

describe('ApiError.fromResponse: the local proxy (E2 shape, proxy_* codes)', () => {
  it.each([
    [403, 'proxy_forbidden_host', 'forbidden'],
    [403, 'proxy_cross_site', 'forbidden'],
    [404, 'proxy_bad_path', 'not_found'],
    [413, 'proxy_body_too_large', 'too_large'],
    [502, 'proxy_upstream_unreachable', 'unavailable'],
    [504, 'proxy_timeout', 'timeout'],
    [401, 'proxy_token_required', 'unauthorized'],
    [400, 'proxy_bad_host', 'forbidden'],
    [429, 'proxy_too_many_attempts', 'rate_limited'],
    [502, 'proxy_upstream_redirect', 'unavailable'],
  ] as const)('%i %s → %s', async (status, code, kind) => {
    const err = await ApiError.fromResponse(
      jsonResponse(status, { success: false, error: `Proxy says ${code}`, code }),
    )
    expect(err.kind).toBe(kind)
    expect(err.details.code).toBe(code)
    expect(err.message).toBe(`Proxy says ${code}`)
  })

  it('the code decides over the status (proxy_timeout sent as 502 is still a timeout)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(502, { success: false, error: 'Timed out', code: 'proxy_timeout' }),
    )
    expect(err.kind).toBe('timeout')
  })
})

describe('kind from the status when no code is known', () => {
  it.each([
    [400, 'invalid'],
    [401, 'unauthorized'],
    [402, 'insufficient_credits'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [413, 'too_large'],
    [422, 'invalid'],
    [429, 'rate_limited'],
    [500, 'server'],
    [501, 'server'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'timeout'],
  ] as const)('%i → %s', async (status, kind) => {
    const err = await ApiError.fromResponse(jsonResponse(status, { error: 'Something' }))
    expect(err.kind).toBe(kind)
  })
})

describe('ApiError.from', () => {
  it('returns an ApiError unchanged', () => {
    const original = new ApiError('conflict', 'x', 409)
    expect(ApiError.from(original)).toBe(original)
  })

  it('TypeError from fetch → network', () => {
    const err = ApiError.from(new TypeError('fetch failed'))
    expect(err.kind).toBe('network')
    expect(err.status).toBeNull()
    expect(err.message).toMatch(/local proxy is not reachable/)
    expect(err.cause).toBeInstanceOf(TypeError)
  })

  it('AbortError → aborted, TimeoutError → timeout', () => {
    expect(ApiError.from(new DOMException('stop', 'AbortError')).kind).toBe('aborted')
    expect(ApiError.from(new DOMException('slow', 'TimeoutError')).kind).toBe('timeout')
  })

  it('ZodError → bad_response naming the path', () => {
    const result = z.object({ data: z.array(z.object({ id: z.string() })) }).safeParse({
      data: [{ id: 1 }],
    })
    expect(result.success).toBe(false)
    const err = ApiError.from(result.error)
    expect(err.kind).toBe('bad_response')
    expect(err.message).toMatch(/at data\.0\.id: /)
  })

  it('zod/mini error → bad_response naming the path and what was expected', () => {
    const schema = zMini.object({ data: zMini.array(zMini.object({ id: zMini.string() })) })
    const result = schema.safeParse({ data: [{ id: 1 }] })
    expect(result.success).toBe(false)
    const err = ApiError.from(result.error)
    expect(err.kind).toBe('bad_response')
    expect(err.message).toMatch(/at data\.0\.id: Invalid input/)
    expect(err.cause).toBe(result.error)
  })

  it('SyntaxError (JSON) → bad_response; anything else → server', () => {
    let syntax: unknown
    try {
      JSON.parse('{')
    } catch (e) {
      syntax = e
    }
    expect(ApiError.from(syntax).kind).toBe('bad_response')
    expect(ApiError.from(new Error('boom')).message).toBe('boom')
    expect(ApiError.from('weird').kind).toBe('server')
  })

  it('isApiError', () => {
    expect(isApiError(new ApiError('server', 'x', 500))).toBe(true)
    expect(isApiError(new Error('x'))).toBe(false)
    expect(isApiError({ name: 'ApiError', kind: 'server' })).toBe(false)
  })
})

describe('ApiError.fromResponse when the body parser cannot be loaded', () => {
  afterEach(() => {
    vi.doUnmock('./api-error-body')
    vi.resetModules()
  })

  it('still resolves to an ApiError that keeps the status', async () => {
    vi.resetModules()
    vi.doMock('./api-error-body', () => {
      throw new Error('Failed to fetch dynamically imported module')
    })
    const fresh = await import('./api-error')
    const limited = await fresh.ApiError.fromResponse(new Response('{}', { status: 429 }))
    expect(limited).toBeInstanceOf(fresh.ApiError)
    expect(limited.kind).toBe('rate_limited')
    expect(limited.status).toBe(429)
    const broken = await fresh.ApiError.fromResponse(new Response('', { status: 502 }))
    expect(broken.kind).toBe('server')
  })
})
