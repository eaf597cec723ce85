// Chat family: docs/cloud/chat.md. This file joins the family's routes; each path is served by:
// - models.ts       GET /api/v1/models, GET /api/v1/models/{provider}/{model} (catalog: model-catalog.ts)
// - completions.ts  POST /api/v1/chat/completions
// - embeddings.ts   POST /api/v1/embeddings
// - chat.ts         POST /api/v1/chat (the dashboard's AI-SDK UI message stream)
// - responses.ts    POST /api/v1/responses (OpenAI Responses API)
// - messages.ts     POST /api/v1/messages (Anthropic Messages API)
// - rooms.ts        /api/eliza/rooms… (agent rooms, their SQL and demo room)
// The shared machinery: responder.ts + responder-rules.ts (the canned replies), engine.ts, billing.ts, tokens.ts, sse.ts.
import type { SandboxContext } from '../core/context.ts'
import type { Family } from '../core/family.ts'
import { FamilyRoutes } from '../core/route.ts'
import { chatRoutes as uiChatRoutes } from './chat.ts'
import { completionsRoutes } from './completions.ts'
import { embeddingsRoutes } from './embeddings.ts'
import { messagesRoutes } from './messages.ts'
import { modelsRoutes } from './models.ts'
import { responsesRoutes } from './responses.ts'
import { roomsRoutes, seedRooms } from './rooms.ts'

export function chatFamilyRoutes(ctx: SandboxContext): FamilyRoutes {
  return new FamilyRoutes('chat')
    .include(modelsRoutes(ctx))
    .include(completionsRoutes(ctx))
    .include(embeddingsRoutes(ctx))
    .include(uiChatRoutes(ctx))
    .include(responsesRoutes(ctx))
    .include(messagesRoutes(ctx))
    .include(roomsRoutes(ctx))
}

export const chatFamily: Family = {
  name: 'chat',
  routes: chatFamilyRoutes,
  tables: ['eliza_room_messages', 'eliza_rooms'],
  seed: seedRooms,
}
