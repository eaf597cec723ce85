import { zodResolver } from '@hookform/resolvers/zod'
import { FileAudio, Upload, X } from 'lucide-react'
import { useEffect, useId, useRef, useState, type DragEvent } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { ViewCodeDialog } from '@/components/view-code-dialog'
import { cn } from '@/lib/cn'
import { formatBytes, formatUsd } from '@/lib/format'
import { readDraft, useFieldDraft } from '@/lib/use-draft'
import { cloneSamples } from '../api/code'
import { CLONE_PRICE } from '../api/prices'
import {
  CLONE_ACCEPT,
  CLONE_LIMITS,
  cloneFileProblems,
  cloneInput,
  type CloneFormValues,
} from '../api/schemas'
import type { CloneInput } from '../api/voice-requests'
import {
  formatSeconds,
  samplesLength,
  shortSamplesWarning,
  type SampleLength,
} from '../lib/sample-length'
import { RecorderPanel } from './recorder-panel'

/** Name and description survive a reload until the clone starts (the form then empties). */
const NAME_DRAFT = 'eliza-console:media-draft:voice-clone-name'
const DESCRIPTION_DRAFT = 'eliza-console:media-draft:voice-clone-description'
const EMPTY: CloneFormValues = { name: '', description: '', cloneType: 'instant' }

type CloneFormProps = {
  onClone: (input: CloneInput) => void
  keyVariable: string | null
}

const CLONE_TYPE_TEXT = {
  instant: 'About 1–3 minutes of clean speech; ready at once.',
  professional: '30 minutes or more; keeps training after the upload.',
} as const

/** Clone a voice from uploaded files or a recording (docs/cloud/media.md §5.3); limits checked before upload. */
export function CloneForm({ onClone, keyVariable }: CloneFormProps) {
  const [files, setFiles] = useState<File[]>([])
  const [rejected, setRejected] = useState<string[]>([])
  const [isDragging, setIsDragging] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)
  const typeName = useId()
  const form = useForm<CloneFormValues>({
    resolver: zodResolver(cloneInput),
    defaultValues: {
      ...EMPTY,
      name: readDraft(NAME_DRAFT),
      description: readDraft(DESCRIPTION_DRAFT),
    },
  })
  useFieldDraft(form, 'name', NAME_DRAFT)
  useFieldDraft(form, 'description', DESCRIPTION_DRAFT)
  const { register, handleSubmit, formState, reset } = form
  const cloneType = useWatch({ control: form.control, name: 'cloneType' })
  // The samples' length, read in the browser before anything is uploaded (docs/media.md §Voice samples).
  const [measured, setMeasured] = useState<{ files: File[]; length: SampleLength } | null>(null)
  const length = measured?.files === files ? measured.length : null
  useEffect(() => {
    let isCurrent = true
    if (files.length > 0) {
      void samplesLength(files).then((l) => {
        if (isCurrent) setMeasured({ files, length: l })
      })
    }
    return () => {
      isCurrent = false
    }
  }, [files])
  // The warning belongs to the samples and clone type it was given for.
  const [warned, setWarned] = useState<{
    text: string
    files: File[]
    cloneType: CloneFormValues['cloneType']
  } | null>(null)
  const shortWarning =
    warned && warned.files === files && warned.cloneType === cloneType ? warned.text : null
  const setShortWarning = (text: string | null, values?: CloneFormValues) =>
    setWarned(text && values ? { text, files, cloneType: values.cloneType } : null)

  // Each added file is checked on its own and against the set; refused ones are not added.
  const addFiles = (added: readonly File[]) => {
    const accepted: File[] = []
    const problems: string[] = []
    for (const file of added) {
      const own = cloneFileProblems([file])
      if (own.length > 0) {
        problems.push(...own)
        continue
      }
      const next = [...files, ...accepted, file]
      if (next.length > CLONE_LIMITS.maxFiles) {
        problems.push(`${file.name} was not added: at most ${CLONE_LIMITS.maxFiles} files.`)
        continue
      }
      if (next.reduce((n, f) => n + f.size, 0) > CLONE_LIMITS.maxTotalBytes) {
        problems.push(`${file.name} was not added: the files would exceed 100 MB together.`)
        continue
      }
      accepted.push(file)
    }
    setRejected(problems)
    if (accepted.length > 0) setFiles((current) => [...current, ...accepted])
  }

  const handleDrop = (e: DragEvent) => {
    e.preventDefault()
    setIsDragging(false)
    addFiles(Array.from(e.dataTransfer.files))
  }

  const submit = (isConfirmed: boolean) =>
    handleSubmit(async (values) => {
      const problems = cloneFileProblems(files)
      if (problems.length > 0) {
        setRejected(problems)
        return
      }
      // Shorter than the cloud's guidance: say so and ask once before a paid upload.
      if (!isConfirmed) {
        const warning = shortSamplesWarning(await samplesLength(files), values.cloneType)
        if (warning) {
          setShortWarning(warning, values)
          return
        }
      }
      onClone({ ...values, files })
      reset(EMPTY)
      setFiles([])
      setRejected([])
      setShortWarning(null)
    })

  return (
    <form onSubmit={(e) => void submit(false)(e)} className="grid gap-4" noValidate>
      <div className="grid gap-2">
        <span className="text-sm font-medium" id={`${typeName}-samples`}>
          Audio samples
        </span>
        <div
          role="group"
          aria-labelledby={`${typeName}-samples`}
          onDragOver={(e) => {
            e.preventDefault()
            setIsDragging(true)
          }}
          onDragLeave={() => setIsDragging(false)}
          onDrop={handleDrop}
          className={cn(
            'grid place-items-center gap-2 rounded-lg border border-dashed px-4 py-5 text-center transition-colors',
            isDragging && 'border-primary bg-accent',
          )}
        >
          <Upload aria-hidden className="size-5 text-muted-foreground" />
          <p className="text-sm text-muted-foreground">
            Drop audio files here, or{' '}
            <Button
              type="button"
              variant="link"
              className="h-auto p-0"
              onClick={() => inputRef.current?.click()}
            >
              choose files
            </Button>
          </p>
          <p className="text-xs text-muted-foreground">
            Up to {CLONE_LIMITS.maxFiles} files, 10 MB each, 100 MB in all — MP3, WAV, WebM, OGG or
            M4A.
          </p>
          <input
            ref={inputRef}
            type="file"
            multiple
            accept={CLONE_ACCEPT}
            aria-label="Audio sample files"
            className="sr-only"
            tabIndex={-1}
            onChange={(e) => {
              addFiles(Array.from(e.target.files ?? []))
              e.target.value = ''
            }}
          />
        </div>
        <RecorderPanel onAdd={(file) => addFiles([file])} />
        {rejected.length > 0 ? (
          <Alert variant="destructive" role="alert">
            <AlertTitle>Not added</AlertTitle>
            <AlertDescription>
              <ul className="grid gap-0.5">
                {rejected.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </AlertDescription>
          </Alert>
        ) : null}
        {files.length > 0 ? (
          <ul aria-label="Samples to upload" className="grid gap-1">
            {files.map((file, i) => (
              <li
                key={`${file.name}-${i}`}
                className="flex items-center gap-2 rounded-md border bg-muted/40 px-2 py-1 text-sm"
              >
                <FileAudio aria-hidden className="size-4 shrink-0 text-muted-foreground" />
                <span className="min-w-0 flex-1 truncate">{file.name}</span>
                <span className="text-xs text-muted-foreground tabular-nums">
                  {formatBytes(file.size)}
                </span>
                <Button
                  size="icon-sm"
                  variant="ghost"
                  label={`Remove ${file.name}`}
                  onClick={() => setFiles((current) => current.filter((_, j) => j !== i))}
                >
                  <X aria-hidden />
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
        {files.length > 0 ? (
          <p className="text-xs text-muted-foreground" aria-live="polite">
            {length === null
              ? 'Measuring the samples…'
              : length.seconds === 0
                ? 'The browser cannot tell how long these samples are.'
                : `${formatSeconds(length.seconds)} of audio${
                    length.unknown > 0 ? ` (and ${length.unknown} of unknown length)` : ''
                  }. Guidance: ${cloneType === 'instant' ? '1–3 min' : '30 min or more'}.`}
          </p>
        ) : null}
      </div>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field label="Voice name" error={formState.errors.name?.message}>
          <Input {...register('name')} autoComplete="off" placeholder="e.g. Narrator" />
        </Field>
        <Field label="Description (optional)" error={formState.errors.description?.message}>
          <Input {...register('description')} autoComplete="off" placeholder="e.g. Calm, warm" />
        </Field>
      </div>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Clone type</legend>
        {(['instant', 'professional'] as const).map((t) => (
          <label
            key={t}
            className="flex cursor-pointer items-start gap-2 rounded-md border p-2 text-sm has-checked:border-primary has-checked:bg-accent/50"
          >
            <input type="radio" value={t} {...register('cloneType')} className="mt-1" />
            <span className="grid gap-0.5">
              <span className="font-medium capitalize">
                {t}{' '}
                <span className="font-normal text-muted-foreground">
                  · ≈ {formatUsd(CLONE_PRICE[t])}
                </span>
              </span>
              <span className="text-xs text-muted-foreground">{CLONE_TYPE_TEXT[t]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {shortWarning ? (
        <Alert role="alert">
          <AlertTitle>Short samples</AlertTitle>
          <AlertDescription className="grid gap-2">
            <p>{shortWarning}</p>
            <div className="flex flex-wrap gap-2">
              <Button type="button" size="sm" onClick={() => void submit(true)()}>
                Clone anyway
              </Button>
              <Button
                type="button"
                size="sm"
                variant="outline"
                onClick={() => setShortWarning(null)}
              >
                Add more audio first
              </Button>
            </div>
          </AlertDescription>
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit">Clone voice</Button>
        <ViewCodeDialog
          keyVariable={keyVariable}
          description="The multipart request the next clone makes, with the samples read from files."
          samples={() =>
            keyVariable === null
              ? []
              : cloneSamples({
                  ...form.getValues(),
                  fileNames: files.map((f) => f.name),
                  keyVariable,
                })
          }
        />
        <p className="text-sm text-muted-foreground">
          ≈ {formatUsd(CLONE_PRICE[cloneType])}{' '}
          <span className="text-xs">(cloud price list, charged up front)</span>
        </p>
      </div>
    </form>
  )
}
