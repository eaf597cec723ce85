import {
  createFileRoute,
  stripSearchParams,
  useRouterState,
  type SearchSchemaInput,
} from '@tanstack/react-router'
import { useCallback } from 'react'
import { premadeVoicesQuery, voiceListQuery } from '@/features/media/voice/api/queries'
import { VoiceStudio } from '@/features/media/voice/components/voice-studio'
import {
  DEFAULT_TTS_MODEL,
  DEFAULT_VOICE_ID,
  TTS_MODELS,
  type TtsModelId,
} from '@/features/media/voice/api/constants'
import { oneOf, text } from '@/lib/search-params'

const defaults = { voice: DEFAULT_VOICE_ID, model: DEFAULT_TTS_MODEL }
const modelIds = TTS_MODELS.map((m) => m.id) as [TtsModelId, ...TtsModelId[]]

// The picked voice (a provider voice id) and model are the page's state; a bad value degrades.
const validateSearch = (search: { voice?: string; model?: string } & SearchSchemaInput) => ({
  voice: text(search.voice, defaults.voice, { pattern: /^[A-Za-z0-9_-]{1,64}$/ }),
  model: oneOf(search.model, modelIds, defaults.model),
})

export const Route = createFileRoute('/media/voice')({
  validateSearch,
  search: { middlewares: [stripSearchParams(defaults)] },
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(voiceListQuery())
    void context.queryClient.prefetchQuery(premadeVoicesQuery())
  },
  component: VoicePage,
})

function VoicePage() {
  const { voice, model } = Route.useSearch()
  const navigate = Route.useNavigate()
  // Cmd+K "Speak text" links to #speak; each visit has its own key, so focus follows every use.
  const focusTextKey = useRouterState({
    select: (s) => (s.location.hash === 'speak' ? (s.location.state.__TSR_key ?? 'speak') : null),
  })
  const handleVoice = useCallback(
    (v: string) => void navigate({ search: (s) => ({ ...s, voice: v }), replace: true }),
    [navigate],
  )
  const handleModel = useCallback(
    (m: TtsModelId) => void navigate({ search: (s) => ({ ...s, model: m }), replace: true }),
    [navigate],
  )
  return (
    <VoiceStudio
      voiceId={voice}
      modelId={model}
      onVoiceChange={handleVoice}
      onModelChange={handleModel}
      focusTextKey={focusTextKey}
    />
  )
}
