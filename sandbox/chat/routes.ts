// Chat family: docs/cloud/chat.md — the model catalog, /api/v1/chat/completions,
// /api/v1/embeddings, the other chat-shaped routes (/api/v1/chat, /api/v1/responses,
// /api/v1/messages) and agent rooms (/api/eliza/rooms). The handlers live in sandbox/chat/.
import { Hono } from 'hono'
import { z } from 'zod'
import { authenticate } from '../core/auth.ts'
import { compatRoutes } from './compat.ts'
import { completionsRoutes } from './completions.ts'
import { embeddingsRoutes } from './embeddings.ts'
import { roomsRoutes, seedRooms } from './rooms.ts'
import {
  anthropicErrorBody,
  anthropicMessage,
  anthropicRequest,
  chatCompletion,
  chatCompletionRequest,
  createRoomBody,
  embeddingsRequest,
  embeddingsResponse,
  openAiErrorBody,
  rateLimitBody,
  responseObject,
  responsesRequest,
  roomMessage,
  roomMessageBody,
  roomSummary,
  roomUsage,
  uiChatRequest,
} from './schemas.ts'
import type { SandboxContext } from '../core/context.ts'
import type { Family } from '../core/family.ts'
import { methodNotAllowed, openAiError } from '../core/errors.ts'
import { findModel, MODEL_CATALOG } from './model-catalog.ts'
import { documentRoute } from '../core/openapi-registry.ts'

export function chatRoutes(ctx: SandboxContext): Hono {
  const app = new Hono()

  // Public, no rate limit, cacheable for an hour (docs/cloud/chat.md).
  app.get('/api/v1/models', (c) =>
    c.json({ object: 'list', data: MODEL_CATALOG }, 200, {
      'Cache-Control': 'public, s-maxage=3600, stale-while-revalidate=7200',
    }),
  )
  app.all('/api/v1/models', () => methodNotAllowed(['GET', 'OPTIONS']))

  // A catch-all route: `/api/v1/models/openai/gpt-4o-mini` asks for `openai/gpt-4o-mini`.
  // It requires a key; without a usable one the route answers 500 (docs/cloud/chat.md).
  app.get('/api/v1/models/*', async (c) => {
    const id = decodeURIComponent(c.req.path.slice('/api/v1/models/'.length)).replace(/\/+$/, '')
    const result = await authenticate(c.req.raw, ctx.db, ctx.balanceCache)
    if (!result.ok) {
      return openAiError(500, { message: 'Failed to fetch model details', type: 'api_error' })
    }
    const model = findModel(id)
    if (!model) {
      return openAiError(404, {
        message: `Model '${id}' not found`,
        type: 'invalid_request_error',
        code: 'model_not_found',
      })
    }
    return c.json(model)
  })
  app.all('/api/v1/models/*', () => methodNotAllowed(['GET', 'OPTIONS']))

  app.route('/', completionsRoutes(ctx))
  app.route('/', embeddingsRoutes(ctx))
  app.route('/', compatRoutes(ctx))
  app.route('/', roomsRoutes(ctx))
  return app
}

export const chatFamily: Family = {
  name: 'chat',
  routes: chatRoutes,
  tables: ['eliza_room_messages', 'eliza_rooms'],
  seed: seedRooms,
}

// ─── OpenAPI ──────────────────────────────────────────────────────────────────────────────
const family = 'chat'
const sse = (description: string) => ({ description, contentType: 'text/event-stream' })
const e3 = (description: string) => ({ description, schema: openAiErrorBody })
const e10 = { description: 'Rate limited (E10), with Retry-After', schema: rateLimitBody }
const flag = z.object({ success: z.literal(false), error: z.string() })
const roomParams = z.object({ roomId: z.string() })

documentRoute({
  method: 'get',
  path: '/api/v1/models',
  family,
  note: 'docs/cloud/chat.md "GET /api/v1/models"',
  summary: 'The model catalog (public, cacheable for an hour)',
  responses: { 200: { description: 'OpenAI-style list' } },
})
documentRoute({
  method: 'get',
  path: '/api/v1/models/{provider}/{model}',
  family,
  note: 'docs/cloud/chat.md "GET /api/v1/models"',
  summary: 'One catalog model; requires a key',
  params: z.object({ provider: z.string(), model: z.string() }),
  responses: {
    200: { description: 'The model object' },
    404: e3('model_not_found'),
    500: e3('No usable credentials: "Failed to fetch model details"'),
  },
})
documentRoute({
  method: 'post',
  path: '/api/v1/chat/completions',
  family,
  note: 'docs/cloud/chat.md "POST /api/v1/chat/completions"',
  summary: 'OpenAI-compatible chat completion, JSON or SSE (`stream: true`)',
  body: chatCompletionRequest,
  extension:
    'tools/tool_choice, response_format and stream_options.include_usage are honoured (ignored in strict mode)',
  responses: {
    200: {
      description: 'chat.completion, or chat.completion.chunk events ending in [DONE]',
      schema: chatCompletion,
    },
    400: e3('Missing required fields: model and messages / invalid value'),
    401: e3('authentication_error'),
    402: e3('insufficient_credits'),
    403: e3('inactive organization'),
    429: e10,
    500: e3(
      'Body not JSON; unknown or unpriced model (agent ids included): "Pricing unavailable for …"',
    ),
  },
})
documentRoute({
  method: 'post',
  path: '/api/v1/embeddings',
  family,
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
    429: e10,
    500: e3('unpriced model'),
  },
})
documentRoute({
  method: 'post',
  path: '/api/v1/chat',
  family,
  note: 'docs/cloud/chat.md "Other chat-shaped routes"',
  summary: "The dashboard's AI-SDK chat: UI message stream (SSE)",
  body: uiChatRequest,
  responses: {
    200: sse('UI message stream parts ending in [DONE]'),
    400: { description: '{"error":"…"}', schema: z.object({ error: z.string() }) },
    402: { description: '{"error":"Insufficient balance","details":…}' },
    429: e10,
  },
})
documentRoute({
  method: 'post',
  path: '/api/v1/responses',
  family,
  note: 'docs/cloud/chat.md "Other chat-shaped routes"',
  summary: 'OpenAI Responses API (function calling works here)',
  body: responsesRequest,
  responses: {
    200: { description: 'response object, or response.* events', schema: responseObject },
    400: e3('invalid request'),
    401: e3('authentication_error'),
    402: e3('insufficient_credits'),
    413: e3('request_too_large (4 MiB)'),
    429: e10,
  },
})
documentRoute({
  method: 'post',
  path: '/api/v1/messages',
  family,
  note: 'docs/cloud/chat.md "Other chat-shaped routes"',
  summary: 'Anthropic Messages API (tools, named stream events)',
  body: anthropicRequest,
  responses: {
    200: { description: 'message, or Anthropic named events', schema: anthropicMessage },
    400: { description: 'E4 invalid_request_error', schema: anthropicErrorBody },
    401: { description: 'E4 authentication_error', schema: anthropicErrorBody },
    402: { description: 'E4 billing_error', schema: anthropicErrorBody },
    429: e10,
  },
})
documentRoute({
  method: 'post',
  path: '/api/eliza/rooms',
  family,
  note: 'docs/cloud/chat.md "Talking to a specific agent"',
  summary: 'Create a chat room with a character (owned by the caller or public)',
  body: createRoomBody,
  responses: {
    200: {
      description: 'Created',
      schema: z.object({
        success: z.literal(true),
        roomId: z.string(),
        characterId: z.string(),
        createdAt: z.string(),
      }),
    },
    400: { description: 'Invalid body', schema: flag },
    404: { description: 'Character not found', schema: flag },
  },
})
documentRoute({
  method: 'get',
  path: '/api/eliza/rooms',
  family,
  note: 'docs/cloud/chat.md "Talking to a specific agent"',
  summary: "The caller's rooms, most recently active first (optional ?characterId=)",
  query: z.object({ characterId: z.string().optional() }),
  responses: {
    200: {
      description: 'Rooms',
      schema: z.object({ success: z.literal(true), rooms: z.array(roomSummary) }),
    },
  },
})
documentRoute({
  method: 'get',
  path: '/api/eliza/rooms/{roomId}',
  family,
  summary: 'One room',
  params: roomParams,
  responses: {
    200: {
      description: 'The room',
      schema: z.object({ success: z.literal(true), room: roomSummary }),
    },
    404: { description: 'Room not found', schema: flag },
  },
})
documentRoute({
  method: 'get',
  path: '/api/eliza/rooms/{roomId}/messages',
  family,
  summary: 'Messages of a room, oldest first (last ?limit=, default 50, max 200)',
  params: roomParams,
  query: z.object({ limit: z.string().optional() }),
  responses: {
    200: {
      description: 'Messages',
      schema: z.object({
        success: z.literal(true),
        roomId: z.string(),
        messages: z.array(roomMessage),
      }),
    },
    404: { description: 'Room not found', schema: flag },
  },
})
documentRoute({
  method: 'post',
  path: '/api/eliza/rooms/{roomId}/messages',
  family,
  note: 'docs/cloud/chat.md "Talking to a specific agent"',
  summary: 'Send a message; the character answers in its persona (billed like a completion)',
  params: roomParams,
  body: roomMessageBody,
  responses: {
    200: {
      description: 'The reply',
      schema: z.object({ userMessage: roomMessage, message: roomMessage, usage: roomUsage }),
    },
    400: { description: 'Invalid body', schema: flag },
    402: { description: 'Insufficient credits', schema: flag },
    404: { description: 'Room not found', schema: flag },
  },
})
documentRoute({
  method: 'post',
  path: '/api/eliza/rooms/{roomId}/messages/stream',
  family,
  summary: 'Send a message and stream the reply: user_message, delta…, done, [DONE]',
  params: roomParams,
  body: roomMessageBody,
  responses: {
    200: sse('data: {"type":"user_message"|"delta"|"done",…}'),
    402: { description: 'Insufficient credits', schema: flag },
    404: { description: 'Room not found', schema: flag },
  },
})
