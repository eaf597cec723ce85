import { useQuery } from '@tanstack/react-query'
import { useCallback } from 'react'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { consoleInfoQuery } from '@/api/console-info/queries'
import { useStartMediaJob } from '../../shared/job-store'
import { StudioTabs } from '../../shared/studio-tabs'
import { useRecoverRuns } from '../../shared/use-recover-runs'
import { voiceKeys } from '../api/keys'
import { DEFAULT_VOICE_ID, type ClonedVoice, type TtsModelId } from '../api/schemas'
import { CLONE_PRICE, ttsPrice } from '../api/prices'
import {
  cloneRecoveryRules,
  recoveryVoicesQuery,
  speechRecoveryRules,
  voiceCandidate,
} from '../api/recovery'
import { cloneVoice, speak, type CloneInput, type SpeakInput } from '../api/voice-requests'
import { CloneForm } from './clone-form'
import { CloneJobs } from './clone-jobs'
import { SpeechJobs } from './speech-jobs'
import { TtsForm } from './tts-form'
import { VoiceList } from './voice-list'

type VoiceStudioProps = {
  voiceId: string
  modelId: TtsModelId
  onVoiceChange: (voiceId: string) => void
  onModelChange: (modelId: TtsModelId) => void
  /** Changes when something (Cmd+K "Speak text") asks for the text box to take focus. */
  focusTextKey: string | null
}

const VOICE_LISTS = [voiceKeys.lists()]

/** /media/voice: text to speech, voice cloning and the voices list (issue #6, docs/cloud/media.md §5). */
export function VoiceStudio({
  voiceId,
  modelId,
  onVoiceChange,
  onModelChange,
  focusTextKey,
}: VoiceStudioProps) {
  const info = useQuery(consoleInfoQuery())
  const keyVariable = info.data?.keyVariable ?? null
  // TTS bumps a cloned voice's usage count; a clone adds a voice: both refresh the list.
  const startSpeech = useStartMediaJob('voice', speak, { invalidate: VOICE_LISTS })
  const startClone = useStartMediaJob('clone', cloneVoice, { invalidate: VOICE_LISTS })
  // Runs a reload cut off: speech is looked for in the ledger only, clones in the voices list too.
  useRecoverRuns({
    kind: 'voice',
    source: null,
    toCandidate: () => ({ key: '', createdAt: 0 }),
    ...speechRecoveryRules,
  })
  useRecoverRuns({
    kind: 'clone',
    source: recoveryVoicesQuery(),
    toCandidate: voiceCandidate,
    invalidate: VOICE_LISTS,
    ...cloneRecoveryRules,
  })
  // The price list's figure is kept with each run's record (docs/media.md §Runs).
  const handleSpeak = useCallback(
    (input: SpeakInput) => {
      const price = ttsPrice(input.text.length, input.modelId, input.isClonedVoice)
      startSpeech(input, { min: price, max: price })
    },
    [startSpeech],
  )
  const handleClone = useCallback(
    (input: CloneInput) => {
      const price = CLONE_PRICE[input.cloneType]
      startClone(input, { min: price, max: price })
    },
    [startClone],
  )

  const handleDeleted = useCallback(
    (voice: ClonedVoice) => {
      if (voice.elevenlabsVoiceId === voiceId) onVoiceChange(DEFAULT_VOICE_ID)
    },
    [voiceId, onVoiceChange],
  )

  return (
    <div className="grid gap-6">
      <StudioTabs />
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Voice</h1>
        <p className="text-sm text-muted-foreground">
          Turn text into speech with premade or your own cloned voices, and clone a voice from a few
          audio samples.
        </p>
      </div>
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="grid min-w-0 gap-4">
          <Card>
            <CardHeader>
              <div className="grid gap-1">
                <CardTitle className="text-base font-semibold text-foreground">
                  Text to speech
                </CardTitle>
                <CardDescription>
                  Several can run at once; they keep going if you visit another page.
                </CardDescription>
              </div>
            </CardHeader>
            <CardContent>
              <TtsForm
                voiceId={voiceId}
                modelId={modelId}
                onVoiceChange={onVoiceChange}
                onModelChange={onModelChange}
                onSpeak={handleSpeak}
                keyVariable={keyVariable}
                focusTextKey={focusTextKey}
              />
            </CardContent>
          </Card>
          <SpeechJobs />
        </div>
        <div className="grid min-w-0 gap-4">
          <Card>
            <CardHeader>
              <div className="grid gap-1">
                <CardTitle className="text-base font-semibold text-foreground">
                  Clone a voice
                </CardTitle>
                <CardDescription>
                  From uploaded files or a recording made here. The voice is ready when the upload
                  finishes.
                </CardDescription>
              </div>
            </CardHeader>
            <CardContent className="grid gap-4">
              <CloneForm onClone={handleClone} keyVariable={keyVariable} />
              <CloneJobs onUseVoice={onVoiceChange} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <div className="grid gap-1">
                <CardTitle className="text-base font-semibold text-foreground">
                  Your voices
                </CardTitle>
                <CardDescription>Cloned voices of your organization, newest first.</CardDescription>
              </div>
            </CardHeader>
            <CardContent>
              <VoiceList
                selectedVoiceId={voiceId}
                onUseVoice={onVoiceChange}
                onDeleted={handleDeleted}
              />
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  )
}
