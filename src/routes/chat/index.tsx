import { createFileRoute, useLocation, type SearchSchemaInput } from '@tanstack/react-router'
import { useState } from 'react'
import { DEFAULT_MODEL_ID, newConversation } from '@/features/chat/storage/conversations'
import { modelListQuery } from '@/features/chat/api/queries'
import { ChatPlayground } from '@/features/chat/components/chat-playground'
import { optionalText } from '@/lib/search-params'

// `?agent=<id>` preselects one of my agents, `?model=<id>` a catalog model (docs/architecture.md §6: a bad
// value degrades to the default).
const validateSearch = (search: { agent?: string; model?: string } & SearchSchemaInput) => ({
  agent: optionalText(search.agent, { pattern: /^[0-9a-f-]{36}$/i }),
  model: optionalText(search.model, { max: 200 }),
})

export const Route = createFileRoute('/chat/')({
  validateSearch,
  // The model catalog is awaited so the toolbar, the model's facts and the composer's estimate
  // paint once, in place (their loading states moved the page: CLS 0.18 at 1350 px); a failure
  // stays in the cache and the page shows it.
  loader: ({ context: { queryClient } }) => queryClient.prefetchQuery(modelListQuery()),
  component: NewChatPage,
})

function NewChatPage() {
  // Every navigation to /chat (e.g. "New chat" while here) starts a fresh conversation.
  const entry = useLocation({ select: (l) => l.state.__TSR_key ?? l.href })
  return <NewChat key={entry} />
}

function NewChat() {
  const { agent, model } = Route.useSearch()
  const navigate = Route.useNavigate()
  const [initial] = useState(() =>
    newConversation(
      crypto.randomUUID(),
      agent
        ? { kind: 'agent', agentId: agent, agentName: 'Agent' }
        : { kind: 'model', modelId: model ?? DEFAULT_MODEL_ID },
    ),
  )
  return (
    <ChatPlayground
      initial={initial}
      isNew
      hrefFor={(id) => `/chat/${id}`}
      onStarted={(id) =>
        void navigate({
          to: '/chat/$conversationId',
          params: { conversationId: id },
          replace: true,
        })
      }
      onOpen={(id) =>
        void navigate({ to: '/chat/$conversationId', params: { conversationId: id } })
      }
      onNewChat={() => void navigate({ to: '/chat' })}
    />
  )
}
