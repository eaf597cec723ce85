import { zodResolver } from '@hookform/resolvers/zod'
import { useQuery } from '@tanstack/react-query'
import { Clapperboard } from 'lucide-react'
import { useEffect, useRef } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Field } from '@/components/ui/field'
import { NativeSelect } from '@/components/ui/native-select'
import { Textarea } from '@/components/ui/textarea'
import { ViewCodeDialog } from '@/components/view-code-dialog'
import { balanceQuery } from '@/features/billing/api/queries'
import { pricingSummaryQuery } from '@/api/pricing-summary/queries'
import { useKeyVariable } from '@/api/console-info/queries'
import { formatNumber, formatUsd } from '@/lib/format'
import { readDraft, useFieldDraft } from '@/lib/use-draft'
import { videoCodeSamples } from '../api/code'
import {
  describeBilling,
  describeVideoModel,
  findVideoModel,
  initialVideoModel,
  MODEL_DRAFT,
  VIDEO_MODELS,
} from '../api/models'
import { videoInputSchema, type VideoInput } from '../api/schemas'
import { useVideoPromptFocus } from '../hooks/prompt-focus'
import { QuotaMeter } from '@/components/quota-meter'
import { formatCountdown, type QuotaView } from '@/lib/rate-limit-quota'
import { VIDEO_RATE_LIMIT } from '../api/quota'

/** The Prompt survives a reload; it stays after Generate (prompts are iterated on). */
const PROMPT_DRAFT = 'eliza-console:media-draft:video-prompt'

type VideoFormProps = {
  onGenerate: (input: VideoInput) => void
  quota: QuotaView
  running: number
  /** Settings to load into the form (from "Use prompt" in the history); a new object each time. */
  restore: VideoInput | null
  /** The cloud's message for the prompt after a 400 (docs/architecture.md §8: next to the field). */
  promptError: string | null
  onPromptEdited: () => void
}

export function VideoForm({
  onGenerate,
  quota,
  running,
  restore,
  promptError,
  onPromptEdited,
}: VideoFormProps) {
  const form = useForm<VideoInput>({
    resolver: zodResolver(videoInputSchema),
    defaultValues: {
      prompt: readDraft(PROMPT_DRAFT),
      model: initialVideoModel(readDraft(MODEL_DRAFT)),
    },
  })
  useFieldDraft(form, 'prompt', PROMPT_DRAFT)
  useFieldDraft(form, 'model', MODEL_DRAFT)
  const { register, handleSubmit, reset, control, formState } = form
  const prompt = useWatch({ control, name: 'prompt' })
  const modelId = useWatch({ control, name: 'model' })
  const model = findVideoModel(modelId)
  const keyVariable = useKeyVariable()

  useEffect(() => {
    if (restore) reset(restore)
  }, [restore, reset])

  const promptRef = useRef<HTMLTextAreaElement | null>(null)
  useVideoPromptFocus(promptRef)
  const promptField = register('prompt', { onChange: onPromptEdited })

  const isWaiting = quota.waitMs > 0
  const submit = handleSubmit((values) => onGenerate(values))

  return (
    <Card className="h-fit">
      <CardHeader>
        <div className="grid gap-1">
          <CardTitle className="text-base font-semibold text-foreground">New video</CardTitle>
          <CardDescription>
            One call per video. It stays open until the cloud has stored the result.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <form className="grid gap-4" onSubmit={submit} noValidate>
          <Field
            label="Prompt"
            description={`${formatNumber(prompt.length)} characters · the cloud sets no length limit for video prompts`}
            error={formState.errors.prompt?.message ?? promptError ?? undefined}
          >
            <Textarea
              {...promptField}
              ref={(el) => {
                promptField.ref(el)
                promptRef.current = el
              }}
              rows={5}
              placeholder="e.g. A paper boat drifting down a rainy street, cinematic"
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void submit()
              }}
            />
          </Field>
          <Field
            label="Model"
            description={
              model ? `${describeVideoModel(model)} · ${describeBilling(model)}` : undefined
            }
          >
            <NativeSelect className="w-full" {...register('model')}>
              {VIDEO_MODELS.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <PriceAndBalance />
          <QuotaMeter
            view={quota}
            rateLimit={VIDEO_RATE_LIMIT}
            label="Video quota"
            running={running}
          />
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" disabled={isWaiting} className="min-w-28">
              <Clapperboard aria-hidden />
              Generate
            </Button>
            <ViewCodeDialog
              keyVariable={keyVariable}
              description="The request the next Generate sends."
              samples={() => videoCodeSamples(form.getValues(), keyVariable ?? '')}
            />
            {isWaiting ? (
              <p className="text-xs text-muted-foreground">
                Available again in {formatCountdown(quota.waitMs)}
              </p>
            ) : null}
          </div>
        </form>
      </CardContent>
    </Card>
  )
}

/** The live price range before a run (docs/cloud/billing.md §10) and the balance, refreshed after each run. */
function PriceAndBalance() {
  const pricing = useQuery(pricingSummaryQuery())
  const balance = useQuery(balanceQuery())
  const row = pricing.data?.pricing['generate-video']
  const range = row?.estimatedRange
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
      <dt className="text-muted-foreground">Price</dt>
      <dd>
        {range ? (
          <>
            {formatUsd(range.min)}–{formatUsd(range.max)} per video
            <span className="block text-xs text-muted-foreground">
              The cloud’s live range; the exact amount depends on the model and is charged when the
              call starts.
            </span>
          </>
        ) : row?.cost !== undefined ? (
          `${formatUsd(row.cost)} per video`
        ) : pricing.isPending ? (
          <span className="text-muted-foreground">Loading…</span>
        ) : (
          <span className="text-muted-foreground">Not available from the cloud right now</span>
        )}
      </dd>
      <dt className="text-muted-foreground">Balance</dt>
      <dd className="tabular-nums">
        {balance.data ? (
          formatUsd(balance.data.balance)
        ) : balance.isError ? (
          <span className="text-muted-foreground">Unavailable</span>
        ) : (
          <span className="text-muted-foreground">Loading…</span>
        )}
      </dd>
    </dl>
  )
}
