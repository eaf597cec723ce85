import { zodResolver } from '@hookform/resolvers/zod'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Images } from 'lucide-react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useForm } from 'react-hook-form'
import { EmptyState } from '@/components/empty-state'
import { consoleInfoQuery } from '@/api/console-info/queries'
import { api } from '@/lib/api-client'
import { readDraft, useFieldDraft, useFormDraft } from '@/lib/use-draft'
import { useMediaJobs, useStartMediaJob } from '../../shared/job-store'
import { pricingSummaryQuery } from '@/api/pricing-summary/queries'
import { recoveryGalleryQuery } from '../../shared/recovery-queries'
import { useRecoverRuns } from '../../shared/use-recover-runs'
import { mediaSrc } from '../../shared/media-url'
import { StudioTabs } from '../../shared/studio-tabs'
import { imageKeys } from '../api/keys'
import { generateImages, savedSettingsQuery, type ImageResult } from '../api/queries'
import { checkReferenceFile, readReference } from '../api/reference'
import { parseSettingsDraft, SETTINGS_DRAFT, toSettingsDraft } from '../api/form-settings'
import { imageCandidate, imageRecoveryRules } from '../api/recovery'
import { DEFAULT_FORM, planRestore } from '../api/restore'
import {
  imageFormInput,
  type GalleryItem,
  type ImageFormValues,
  type ImageRequest,
  type ReferenceImage,
} from '../api/schemas'
import { loadFormReference, loadReference, saveFormReference } from '../api/settings-store'
import { ImageForm } from './image-form'
import { ImageHistory } from './image-history'
import { JobCard, type ImageJob } from './job-card'
import { Lightbox, type LightboxItem } from './lightbox'

const INVALIDATE = [imageKeys.galleries()]

/** The Prompt survives a reload; it stays after Generate (prompts are iterated on). */
const PROMPT_DRAFT = 'eliza-console:media-draft:image-prompt'

/** Same-origin or inline files can be read back; others are blocked by CSP `connect-src 'self'`. */
const isReadable = (src: string) => src.startsWith('/') || src.startsWith('data:')

type ImageStudioProps = {
  /** Changes on every navigation to the page (e.g. Cmd+K "New image"): the Prompt gets focus. */
  focusKey: string
}

export function ImageStudio({ focusKey }: ImageStudioProps) {
  const queryClient = useQueryClient()
  const info = useQuery(consoleInfoQuery())
  const keyVariable = info.data?.keyVariable ?? null
  const form = useForm<ImageFormValues>({
    resolver: zodResolver(imageFormInput),
    // Prompt and settings come back after a reload or Back (docs/media.md §Settings kept).
    defaultValues: {
      ...DEFAULT_FORM,
      ...parseSettingsDraft(readDraft(SETTINGS_DRAFT)),
      prompt: readDraft(PROMPT_DRAFT),
    },
  })
  useFieldDraft(form, 'prompt', PROMPT_DRAFT)
  useFormDraft(form, SETTINGS_DRAFT, toSettingsDraft)
  const [reference, setReferenceState] = useState<ReferenceImage | null>(null)
  // The reference image is kept in IndexedDB (it can be ~10 MB): read once, written on change.
  const isReferenceTouched = useRef(false)
  const setReference = useCallback((next: ReferenceImage | null) => {
    isReferenceTouched.current = true
    setReferenceState(next)
    saveFormReference(next).catch(() => undefined)
  }, [])
  useEffect(() => {
    let isCurrent = true
    loadFormReference().then(
      (stored) => {
        if (isCurrent && stored && !isReferenceTouched.current) setReferenceState(stored)
      },
      () => undefined,
    )
    return () => {
      isCurrent = false
    }
  }, [])
  const [referenceError, setReferenceError] = useState<string | null>(null)
  const [isReading, setIsReading] = useState(false)
  const [restoreNote, setRestoreNote] = useState<string | null>(null)
  const [lightbox, setLightbox] = useState<{ items: LightboxItem[]; index: number } | null>(null)

  const start = useStartMediaJob<ImageRequest, ImageResult[]>('image', generateImages, {
    invalidate: INVALIDATE,
  })
  const jobs = useMediaJobs<ImageRequest, ImageResult[]>('image')
  useRecoverRuns({
    kind: 'image',
    source: recoveryGalleryQuery('image'),
    toCandidate: imageCandidate,
    invalidate: INVALIDATE,
    ...imageRecoveryRules,
  })

  const { setFocus } = form
  useEffect(() => {
    setFocus('prompt')
  }, [focusKey, setFocus])

  const handleReferenceFile = useCallback(
    async (file: File) => {
      // Checked before reading or sending anything (docs/cloud/media.md §1 `sourceImage`).
      const problem = checkReferenceFile(file)
      setReferenceError(problem)
      if (problem) return
      setIsReading(true)
      try {
        setReference(await readReference(file))
      } catch {
        setReferenceError(`“${file.name}” could not be read.`)
      } finally {
        setIsReading(false)
      }
    },
    [setReference],
  )

  const handleUseAsReference = useCallback(
    async (item: LightboxItem) => {
      // A cross-origin blob URL cannot be read (CSP connect-src 'self'); same-origin ones can.
      if (!isReadable(item.src)) {
        setReferenceError('This image is stored on another site the console cannot read from.')
        return
      }
      try {
        const blob = await api.get<Blob>(item.src)
        if (!(blob instanceof Blob)) throw new Error('not a file')
        const name = item.src.startsWith('data:') ? 'image' : (item.src.split('/').pop() ?? 'image')
        await handleReferenceFile(new File([blob], name, { type: blob.type }))
      } catch {
        setReferenceError('The image could not be loaded to use as a reference.')
      }
      setFocus('prompt')
    },
    [handleReferenceFile, setFocus],
  )

  const handleGenerate = (values: ImageFormValues) => {
    setRestoreNote(null)
    // The price shown before the run, kept with its record (docs/media.md §Runs).
    const range = queryClient.getQueryData(pricingSummaryQuery().queryKey)?.pricing[
      'generate-image'
    ]?.estimatedRange
    start(
      { ...values, reference },
      range ? { min: range.min * values.numImages, max: range.max * values.numImages } : null,
    )
  }

  const restore = useCallback(
    async (item: { prompt: string; model: string; resultKey: string | null }) => {
      const saved = item.resultKey
        ? await queryClient.fetchQuery(savedSettingsQuery(item.resultKey))
        : null
      const plan = planRestore(item, saved)
      const missing = [...plan.missing]
      let restoredReference: ReferenceImage | null = null
      if (plan.referenceKey) {
        restoredReference = (await loadReference(plan.referenceKey)) ?? null
        if (!restoredReference) missing.push('reference image (no longer stored)')
      }
      form.reset(plan.values)
      setReference(restoredReference)
      setReferenceError(null)
      const restored = ['prompt']
      if (!missing.some((m) => m.startsWith('model'))) restored.push('model')
      if (saved) restored.push('number of images', 'aspect ratio', 'style preset')
      if (restoredReference) restored.push('reference image')
      setRestoreNote(
        missing.length === 0
          ? `Restored all settings: ${restored.join(', ')}.`
          : `Restored ${restored.join(', ')}. Could not recover ${missing.join(', ')}${
              saved
                ? ''
                : ': this image was made outside this browser, and the gallery keeps only prompt and model'
            }. Defaults are used for those.`,
      )
      form.setFocus('prompt')
    },
    [form, queryClient, setReference],
  )

  const handleRestoreGallery = useCallback(
    (item: GalleryItem) =>
      void restore({ prompt: item.prompt, model: item.model, resultKey: mediaSrc(item.url) }),
    [restore],
  )

  const openJob = (job: ImageJob, index: number) => {
    const items = (job.result ?? []).map((r): LightboxItem => ({
      key: r.src,
      src: r.src,
      prompt: job.input.prompt,
      model: job.input.model,
      mimeType: r.mimeType,
      fileSize: r.fileSize,
      onRestore: () =>
        void restore({ prompt: job.input.prompt, model: job.input.model, resultKey: r.resultKey }),
    }))
    setLightbox({ items, index })
  }

  const openHistory = (items: GalleryItem[], index: number) => {
    setLightbox({
      items: items.map((item): LightboxItem => ({
        key: item.id,
        src: mediaSrc(item.url),
        prompt: item.prompt,
        model: item.model,
        mimeType: item.mimeType,
        fileSize: item.fileSize === null ? null : Number(item.fileSize),
        onRestore: () => handleRestoreGallery(item),
      })),
      index,
    })
  }

  const running = useMemo(() => jobs.filter((j) => j.status === 'running').length, [jobs])

  return (
    <div className="grid gap-6">
      <StudioTabs />
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Image</h1>
        <p className="text-sm text-muted-foreground">
          Generate up to four images per run. Several runs can go at once; they keep going if you
          visit another page.
        </p>
      </header>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <div className="grid gap-3 lg:sticky lg:top-4">
          <ImageForm
            form={form}
            reference={reference}
            referenceError={referenceError}
            isReadingReference={isReading}
            onReferenceFile={(file) => void handleReferenceFile(file)}
            onClearReference={() => {
              setReference(null)
              setReferenceError(null)
            }}
            onGenerate={handleGenerate}
          />
          {restoreNote ? (
            <p role="status" className="rounded-lg bg-muted p-3 text-sm">
              {restoreNote}
            </p>
          ) : null}
        </div>
        <div className="grid min-w-0 gap-6">
          <section aria-labelledby="image-runs-heading" className="grid gap-3">
            <h2 id="image-runs-heading" className="text-base font-semibold">
              Generations{' '}
              {running > 0 ? (
                <span className="text-sm font-normal text-muted-foreground">
                  ({running} running)
                </span>
              ) : null}
            </h2>
            {jobs.length === 0 ? (
              <EmptyState
                icon={Images}
                title="Nothing generated in this session"
                description="Write a prompt and press Generate. Each run gets its own card here."
                className="rounded-xl border border-dashed"
              />
            ) : (
              <div className="grid gap-3">
                {jobs.map((job) => (
                  <JobCard key={job.id} job={job} keyVariable={keyVariable} onOpen={openJob} />
                ))}
              </div>
            )}
          </section>
          <ImageHistory onOpen={openHistory} onRestore={handleRestoreGallery} />
        </div>
      </div>
      <Lightbox
        items={lightbox?.items ?? []}
        index={lightbox?.index ?? null}
        onIndexChange={(index) =>
          setLightbox((current) => (current && index !== null ? { ...current, index } : null))
        }
        onUseAsReference={(item) => void handleUseAsReference(item)}
      />
    </div>
  )
}
