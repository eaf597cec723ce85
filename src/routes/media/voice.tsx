import { createFileRoute, useRouterState, type SearchSchemaInput } from '@tanstack/react-router'
import { useCallback, useEffect, useState } from 'react'
import { premadeVoicesQuery, voiceListQuery } from '@/features/media/voice/api/queries'
import { pricingSummaryQuery } from '@/api/pricing-summary/queries'
import { VoiceStudio } from '@/features/media/voice/components/voice-studio'
import { isTtsModel, type TtsModelId } from '@/features/media/voice/api/constants'
import { readVoiceChoice, saveVoiceChoice } from '@/features/media/voice/lib/voice-choice'
import { optionalText } from '@/lib/search-params'

// The picked voice (a provider voice id) and model are the page's state; a bad or missing value
// falls back to the last choice made here, then to the cloud's defaults (docs/media.md §Settings kept).
const validateSearch = (
  search: { voice?: string; model?: string } & SearchSchemaInput,
): { voice?: string; model?: TtsModelId } => {
  const voice = optionalText(search.voice, { pattern: /^[A-Za-z0-9_-]{1,64}$/ })
  const model =
    typeof search.model === 'string' && isTtsModel(search.model) ? search.model : undefined
  return { ...(voice ? { voice } : {}), ...(model ? { model } : {}) }
}

export const Route = createFileRoute('/media/voice')({
  validateSearch,
  // The voices and the live price list, side by side, so the form paints once, complete (the
  // price line grew by a line when the price list came: a layout shift). A failure shows in place.
  loader: ({ context: { queryClient } }) =>
    Promise.all([
      queryClient.prefetchQuery(voiceListQuery()),
      queryClient.prefetchQuery(premadeVoicesQuery()),
      queryClient.prefetchQuery(pricingSummaryQuery()),
    ]),
  component: VoicePage,
})

function VoicePage() {
  const search = Route.useSearch()
  const [stored] = useState(readVoiceChoice)
  const voice = search.voice ?? stored.voice
  const model = search.model ?? stored.model
  useEffect(() => saveVoiceChoice({ voice, model }), [voice, model])
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
