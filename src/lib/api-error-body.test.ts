import { describe, expect, it } from 'vitest'

import { jsonResponse } from '@/test/responses'
import { ApiError } from './api-error'
import { readErrorBody } from './api-error-body'

// The cloud's error shapes E1–E9 (docs/cloud/auth-errors-limits.md §2), read by api-error-body.ts.
// Retry-After and E10: api-error-retry-after.test.ts; everything else about ApiError: api-error.test.ts.
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

  it('E3 authentication_error with 403 (an inactive organization) → forbidden, not a bad key', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(403, {
        error: { message: 'Organization is inactive', type: 'authentication_error' },
      }),
    )
    expect(err.kind).toBe('forbidden')
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
      const err = readErrorBody(status, { jsonrpc: '2.0', error: { code, message }, id: null })
      expect(err.kind).toBe(kind)
      expect(err.message).toBe(message)
      expect(err.status).toBe(status)
    },
  )

  it('E7 insufficient credits reads the amount from the message', () => {
    const err = readErrorBody(402, {
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
})
