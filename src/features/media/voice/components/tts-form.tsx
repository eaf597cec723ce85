import { zodResolver } from '@hookform/resolvers/zod'
import { useQuery } from '@tanstack/react-query'
import { AudioLines } from 'lucide-react'
import { useEffect, useMemo } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import { ViewCodeDialog } from '@/components/view-code-dialog'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { NativeSelect } from '@/components/ui/native-select'
import { Textarea } from '@/components/ui/textarea'
import { formatNumber, formatUsd } from '@/lib/format'
import { readDraft, useFieldDraft } from '@/lib/use-draft'
import { ttsSamples } from '../api/code'
import { ttsPrice } from '../api/prices'
import { pricingSummaryQuery } from '@/api/pricing-summary/queries'
import { premadeVoicesQuery, voiceListQuery } from '../api/queries'
import {
  DEFAULT_VOICE_ID,
  TTS_MAX_CHARS,
  TTS_MODELS,
  ttsInput,
  type TtsInput,
  type TtsModelId,
} from '../api/schemas'
import type { SpeakInput } from '../api/voice-requests'

/** The text survives a reload and stays after Speak. */
const TEXT_DRAFT = 'eliza-console:media-draft:voice-text'

export type VoiceOption = { voiceId: string; name: string; isCloned: boolean }

/** The picker's voices: my clones first, then the premade library (docs/cloud/media.md §5.4, §5.7). */
export function useVoiceOptions() {
  const mine = useQuery(voiceListQuery())
  const premade = useQuery(premadeVoicesQuery())
  const options = useMemo(() => {
    const cloned: VoiceOption[] = (mine.data?.voices ?? []).map((v) => ({
      voiceId: v.elevenlabsVoiceId,
      name: v.name,
      isCloned: true,
    }))
    const library: VoiceOption[] = (premade.data?.voices ?? []).map((v) => ({
      voiceId: v.voiceId,
      name: v.name,
      isCloned: false,
    }))
    return { cloned, library }
  }, [mine.data, premade.data])
  return { ...options, mine, premade }
}

type TtsFormProps = {
  voiceId: string
  modelId: TtsModelId
  onVoiceChange: (voiceId: string) => void
  onModelChange: (modelId: TtsModelId) => void
  onSpeak: (input: SpeakInput) => void
  keyVariable: string | null
  /** Changes when something (Cmd+K "Speak text") asks the text box to take focus. */
  focusTextKey: string | null
}

export function TtsForm({
  voiceId,
  modelId,
  onVoiceChange,
  onModelChange,
  onSpeak,
  keyVariable,
  focusTextKey,
}: TtsFormProps) {
  const { cloned, library, mine, premade } = useVoiceOptions()
  const pricing = useQuery(pricingSummaryQuery())
  const form = useForm<TtsInput>({
    resolver: zodResolver(ttsInput),
    defaultValues: { text: readDraft(TEXT_DRAFT), voiceId, modelId },
  })
  useFieldDraft(form, 'text', TEXT_DRAFT)
  const { register, handleSubmit, setValue, setFocus, formState } = form
  useEffect(() => {
    if (focusTextKey !== null) setFocus('text')
  }, [focusTextKey, setFocus])
  // The URL owns voice and model; the form follows it.
  useEffect(() => setValue('voiceId', voiceId), [voiceId, setValue])
  useEffect(() => setValue('modelId', modelId), [modelId, setValue])

  const text = useWatch({ control: form.control, name: 'text' })
  const all = [...cloned, ...library]
  const selected = all.find((v) => v.voiceId === voiceId)
  const isKnown = selected !== undefined || mine.isPending || premade.isPending
  const toInput = (values: TtsInput): SpeakInput => ({
    text: values.text,
    voiceId: values.voiceId,
    modelId: values.modelId,
    voiceName: selected?.name ?? values.voiceId,
    isClonedVoice: selected?.isCloned ?? false,
  })
  const price = ttsPrice(text.length, modelId, selected?.isCloned ?? false)
  const liveRange = pricing.data?.pricing['voice-tts']?.estimatedRange

  const submit = handleSubmit((values) => onSpeak(toInput(values)))
  const textError = formState.errors.text?.message

  return (
    <form onSubmit={(e) => void submit(e)} className="grid gap-4" noValidate>
      <Field
        label="Text to speak"
        error={textError}
        description={
          <span className="flex flex-wrap justify-between gap-2">
            <span>Up to {formatNumber(TTS_MAX_CHARS)} characters.</span>
            <span
              className={text.length > TTS_MAX_CHARS ? 'font-medium text-destructive' : undefined}
              aria-live="polite"
            >
              {formatNumber(text.length)} / {formatNumber(TTS_MAX_CHARS)}
            </span>
          </span>
        }
      >
        <Textarea
          {...register('text')}
          rows={6}
          placeholder="e.g. Welcome back! Your report is ready."
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void submit()
          }}
        />
      </Field>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field
          label="Voice"
          description={
            mine.isError
              ? 'Your cloned voices could not be loaded.'
              : premade.isError
                ? 'The premade voices could not be loaded.'
                : selected?.isCloned
                  ? 'Your cloned voice (+10 % per character).'
                  : undefined
          }
        >
          <NativeSelect
            className="w-full"
            value={voiceId}
            onChange={(e) => onVoiceChange(e.target.value)}
          >
            {!isKnown ? <option value={voiceId}>Unknown voice ({voiceId})</option> : null}
            {premade.isError && !all.some((v) => v.voiceId === DEFAULT_VOICE_ID) ? (
              <option value={DEFAULT_VOICE_ID}>Default voice</option>
            ) : null}
            {cloned.length > 0 ? (
              <optgroup label="Your cloned voices">
                {cloned.map((v) => (
                  <option key={v.voiceId} value={v.voiceId}>
                    {v.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {library.length > 0 ? (
              <optgroup label="Premade voices">
                {library.map((v) => (
                  <option key={v.voiceId} value={v.voiceId}>
                    {v.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {mine.isPending || premade.isPending ? (
              <option disabled value="">
                Loading voices…
              </option>
            ) : null}
          </NativeSelect>
        </Field>
        <Field label="Model">
          <NativeSelect
            className="w-full"
            value={modelId}
            onChange={(e) => onModelChange(e.target.value as TtsModelId)}
          >
            {TTS_MODELS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit">
          <AudioLines aria-hidden />
          Speak
        </Button>
        <ViewCodeDialog
          keyVariable={keyVariable}
          description="The request the next Speak makes; the MP3 is written to speech.mp3."
          samples={() =>
            keyVariable === null ? [] : ttsSamples(toInput(form.getValues()), keyVariable)
          }
        />
        <p className="text-sm text-muted-foreground" data-testid="tts-price">
          {text.length > 0 ? (
            <>
              ≈ {formatUsd(price)} <span className="text-xs">(cloud price list)</span>
            </>
          ) : (
            'Priced per character.'
          )}
          {liveRange ? (
            <span className="block text-xs">
              Live range {formatUsd(liveRange.min)}–{formatUsd(liveRange.max)} per 1,000 characters.
            </span>
          ) : null}
        </p>
      </div>
    </form>
  )
}
