import { queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import type { MediaJob } from '../../shared/job-store'
import type { RecoveryRules } from '../../shared/reconcile'
import { voiceKeys } from './keys'
import { voiceListSchema, type ClonedVoice } from './schemas'
import type { CloneInput, CloneResult, SpeakInput, SpeakResult } from './voice-requests'

// How voice runs a reload cut off are reconciled (docs/media.md §Runs).

/**
 * Speech: the cloud keeps no audio, so nothing can be found; only the ledger can say what was
 * charged (a group naming text-to-speech and the model).
 */
export const speechRecoveryRules: RecoveryRules<SpeakInput, SpeakResult, never> = {
  matches: () => false,
  toResult: () => {
    throw new Error('speech is never recovered')
  },
  claimedKeys: () => [],
  chargeMatches: (input, description) =>
    /speech|tts/i.test(description) && description.includes(input.modelId),
}

/** The voices list as reconciliation reads it, polled only while a clone is looked for. */
export const recoveryVoicesQuery = () =>
  queryOptions({
    queryKey: [...voiceKeys.lists(), 'recovery'] as const,
    queryFn: async ({ signal }): Promise<ClonedVoice[]> =>
      (
        await api.get('/api/v1/voice/list', {
          query: { limit: 100 },
          signal,
          schema: voiceListSchema,
        })
      ).voices,
    staleTime: 0,
  })

/** A clone: a voice with the same name and clone type, created after the run started. */
export const cloneRecoveryRules: RecoveryRules<CloneInput, CloneResult, ClonedVoice> = {
  matches: (input, voice) =>
    voice.name === input.name.trim() && voice.cloneType === input.cloneType,
  toResult: (_input, [voice]) => ({
    voice: {
      id: voice?.id ?? '',
      elevenlabsVoiceId: voice?.elevenlabsVoiceId ?? '',
      name: voice?.name ?? '',
      cloneType: voice?.cloneType ?? '',
      sampleCount: voice?.sampleCount ?? 0,
      createdAt: voice?.createdAt ?? '',
    },
    creditsDeducted: null,
    estimatedCompletionTime: null,
  }),
  claimedKeys: (job: MediaJob<CloneInput, CloneResult>) =>
    job.result ? [job.result.voice.id] : [],
  chargeMatches: (input, description) =>
    /clon/i.test(description) && description.includes(input.name.trim()),
}

export const voiceCandidate = (voice: ClonedVoice) => ({
  key: voice.id,
  createdAt: Date.parse(voice.createdAt),
})
