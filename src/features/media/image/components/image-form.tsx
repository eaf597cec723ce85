import { useQuery } from '@tanstack/react-query'
import { Sparkles } from 'lucide-react'
import type { ClipboardEvent } from 'react'
import { useWatch, type UseFormReturn } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { NativeSelect } from '@/components/ui/native-select'
import { Textarea } from '@/components/ui/textarea'
import { cn } from '@/lib/cn'
import { formatNumber, formatUsd } from '@/lib/format'
import { pricingSummaryQuery } from '@/api/pricing-summary/queries'
import {
  ASPECT_RATIOS,
  IMAGE_MODELS,
  MAX_IMAGES,
  PROMPT_MAX,
  STYLE_PRESETS,
  styleLabel,
} from '../api/constants'
import type { ImageFormValues, ReferenceImage } from '../api/schemas'
import { ReferencePicker } from './reference-picker'

type ImageFormProps = {
  form: UseFormReturn<ImageFormValues>
  reference: ReferenceImage | null
  referenceError: string | null
  isReadingReference: boolean
  onReferenceFile: (file: File) => void
  onClearReference: () => void
  onGenerate: (values: ImageFormValues) => void
}

const segment =
  'relative flex h-8 cursor-pointer items-center justify-center rounded-md border border-border bg-card px-2 text-sm tabular-nums shadow-card transition-colors hover:bg-accent has-[:checked]:border-primary has-[:checked]:bg-primary has-[:checked]:text-primary-foreground has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring has-[:focus-visible]:ring-offset-1 has-[:focus-visible]:ring-offset-background'

/** The price before a run: the cloud's live per-image range × the number of images. */
function PriceEstimate({ numImages }: { numImages: number }) {
  const pricing = useQuery(pricingSummaryQuery())
  const range = pricing.data?.pricing['generate-image']?.estimatedRange
  if (pricing.isPending) return <p className="text-xs text-muted-foreground">Loading price…</p>
  if (!range) {
    return (
      <p className="text-xs text-muted-foreground">
        Price unavailable: the cloud’s pricing summary did not answer.
      </p>
    )
  }
  const total = (n: number) => formatUsd(n * numImages)
  return (
    <p className="text-xs text-muted-foreground" data-testid="image-price">
      <span className="font-medium text-foreground">
        ≈ {total(range.min)}–{total(range.max)}
      </span>{' '}
      for {numImages} {numImages === 1 ? 'image' : 'images'} ({formatUsd(range.min)}–
      {formatUsd(range.max)} each, the cloud’s live range; the exact price depends on the model).
    </p>
  )
}

export function ImageForm({
  form,
  reference,
  referenceError,
  isReadingReference,
  onReferenceFile,
  onClearReference,
  onGenerate,
}: ImageFormProps) {
  const { register, handleSubmit, formState, control } = form
  const prompt = useWatch({ control, name: 'prompt' })
  const numImages = useWatch({ control, name: 'numImages' })
  const length = prompt.length

  const handlePaste = (event: ClipboardEvent) => {
    const file = [...event.clipboardData.files].find((f) => f.type.startsWith('image/'))
    if (!file) return
    event.preventDefault()
    onReferenceFile(file)
  }

  return (
    <form
      aria-label="Image settings"
      className="grid gap-4"
      noValidate
      onPaste={handlePaste}
      onSubmit={(event) => void handleSubmit(onGenerate)(event)}
    >
      <Field
        label="Prompt"
        error={formState.errors.prompt?.message}
        description={
          <span
            className={cn('tabular-nums', length > PROMPT_MAX && 'font-medium text-destructive')}
          >
            {formatNumber(length)} / {formatNumber(PROMPT_MAX)} characters
          </span>
        }
      >
        <Textarea
          {...register('prompt')}
          rows={4}
          placeholder="e.g. A lighthouse on a cliff at dawn, watercolor"
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
              event.preventDefault()
              void handleSubmit(onGenerate)()
            }
          }}
        />
      </Field>

      <fieldset className="grid gap-1.5">
        <legend className="mb-1.5 text-sm leading-5 font-medium">Number of images</legend>
        <div className="flex gap-1.5">
          {Array.from({ length: MAX_IMAGES }, (_, i) => i + 1).map((n) => (
            <label key={n} className={cn(segment, 'w-10')}>
              <input
                type="radio"
                className="absolute inset-0 cursor-pointer appearance-none rounded-md opacity-0"
                name="numImages"
                value={n}
                checked={numImages === n}
                onChange={() => form.setValue('numImages', n, { shouldDirty: true })}
              />
              {n}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="grid gap-1.5">
        <legend className="mb-1.5 text-sm leading-5 font-medium">Aspect ratio</legend>
        <div className="flex flex-wrap gap-1.5">
          {ASPECT_RATIOS.map((ratio) => (
            <label key={ratio} className={segment}>
              <input
                type="radio"
                className="absolute inset-0 cursor-pointer appearance-none rounded-md opacity-0"
                value={ratio}
                {...register('aspectRatio')}
              />
              {ratio}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field label="Style preset">
          <NativeSelect className="w-full" {...register('stylePreset')}>
            {STYLE_PRESETS.map((style) => (
              <option key={style} value={style}>
                {styleLabel(style)}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field label="Model">
          <NativeSelect className="w-full" {...register('model')}>
            {IMAGE_MODELS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>

      <ReferencePicker
        reference={reference}
        error={referenceError}
        isReading={isReadingReference}
        onFile={onReferenceFile}
        onClear={onClearReference}
      />

      <div className="grid gap-2">
        <PriceEstimate numImages={numImages} />
        <Button type="submit" size="lg" disabled={isReadingReference}>
          <Sparkles aria-hidden />
          Generate
        </Button>
      </div>
    </form>
  )
}
