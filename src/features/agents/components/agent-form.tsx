import { zodResolver } from '@hookform/resolvers/zod'
import { AlertCircle, Plus, Trash2, Upload } from 'lucide-react'
import { useRef, useState, type FormEvent, type ReactNode } from 'react'
import { useFieldArray, useForm, type FieldPath, type UseFormReturn } from 'react-hook-form'
import { UnsavedChangesGuard, UnsavedChangesNote } from '@/components/unsaved-changes-dialog'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Textarea } from '@/components/ui/textarea'
import { isApiError } from '@/lib/api-error'
import { cn } from '@/lib/cn'
import {
  AGENT_CATEGORIES,
  AGENT_LIMITS,
  agentFormInput,
  formFieldFor,
  readAgentFile,
  type AgentFormValues,
} from '../api/agent-form'

type DirtyKeys = (keyof AgentFormValues)[]

type AgentFormProps = {
  defaultValues: AgentFormValues
  /** Fields the upstream cannot change (quick create sets only name and bio). */
  lockedFields?: ReadonlySet<keyof AgentFormValues>
  lockedNotice?: ReactNode
  submitLabel: string
  /** Throws the `ApiError` on failure; the form maps its field errors. */
  onSubmit: (values: AgentFormValues, dirty: DirtyKeys) => Promise<void>
  /** Extra buttons next to Submit. */
  actions?: ReactNode
  /** Keeps the typed values after success (edit); create navigates away instead. */
  resetOnSuccess?: boolean
  /** A section of another feature shown above the submit row (create: knowledge files). */
  extraSection?: ReactNode
  /** False once leaving needs no question (the agent was deleted); asked at navigation time. */
  shouldGuard?: () => boolean
}

/** Moves the server's field errors onto the fields, and the rest to the form's root (docs/architecture.md §8). */
export function applyServerErrors(form: UseFormReturn<AgentFormValues>, error: unknown) {
  if (!isApiError(error)) {
    form.setError('root', { message: String(error) })
    return
  }
  let placed = false
  for (const [path, messages] of Object.entries(error.details.fieldErrors ?? {})) {
    const field = formFieldFor(path)
    const message = messages.join(' ')
    if (field === 'root') continue
    form.setError(field as FieldPath<AgentFormValues>, { type: 'server', message })
    placed = true
  }
  // The username checks answer a plain 400 message with no field path (sandbox usernameProblem).
  if (!placed && error.kind === 'invalid' && /^username\b/i.test(error.message)) {
    form.setError('username', { type: 'server', message: error.message })
    placed = true
  }
  if (!placed) form.setError('root', { type: 'server', message: error.message })
}

export function AgentForm({
  defaultValues,
  lockedFields,
  lockedNotice,
  submitLabel,
  onSubmit,
  actions,
  resetOnSuccess = true,
  extraSection,
  shouldGuard,
}: AgentFormProps) {
  const form = useForm<AgentFormValues>({
    resolver: zodResolver(agentFormInput),
    defaultValues,
    mode: 'onTouched',
  })
  const { register, formState, handleSubmit } = form
  const errors = formState.errors
  const examples = useFieldArray({ control: form.control, name: 'messageExamples' })
  const fileRef = useRef<HTMLInputElement>(null)
  const [importMessage, setImportMessage] = useState<string | null>(null)
  const locked = (f: keyof AgentFormValues) => lockedFields?.has(f) ?? false

  // While a submit runs, its own navigation (create opens the new agent) is not asked about.
  const isSubmittingRef = useRef(false)
  const submit = (event: FormEvent<HTMLFormElement>) =>
    handleSubmit(async (values) => {
      const dirty = Object.keys(formState.dirtyFields) as DirtyKeys
      isSubmittingRef.current = true
      try {
        await onSubmit(values, dirty)
        if (resetOnSuccess) form.reset(values)
      } catch (error) {
        applyServerErrors(form, error)
      } finally {
        isSubmittingRef.current = false
      }
    })(event)
  const isDirty = formState.isDirty

  async function handleImport(file: File | undefined) {
    if (!file) return
    const result = await readAgentFile(file)
    if (!result.ok) {
      setImportMessage(result.message)
      return
    }
    setImportMessage(null)
    // Keep the defaults so every imported value counts as a change to save.
    form.reset(result.values, { keepDefaultValues: true })
    for (const key of Object.keys(result.values) as DirtyKeys) {
      form.setValue(key, result.values[key], { shouldDirty: true })
    }
  }

  const text = (name: FieldPath<AgentFormValues>) => ({
    ...register(name),
    readOnly: locked(name.split('.')[0] as keyof AgentFormValues),
  })

  return (
    <form noValidate onSubmit={submit} className="grid gap-6" aria-label="Agent">
      {lockedNotice}
      {errors.root ? (
        <Alert variant="destructive" role="alert">
          <AlertCircle aria-hidden />
          <AlertTitle>Not saved</AlertTitle>
          <AlertDescription>{errors.root.message}</AlertDescription>
        </Alert>
      ) : null}
      {importMessage ? (
        <Alert variant="destructive" role="alert">
          <AlertCircle aria-hidden />
          <AlertTitle>Import failed</AlertTitle>
          <AlertDescription>{importMessage}</AlertDescription>
        </Alert>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Identity</CardTitle>
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            className="sr-only"
            tabIndex={-1}
            aria-label="Agent file to import"
            onChange={(e) => {
              void handleImport(e.target.files?.[0])
              e.target.value = ''
            }}
          />
          <Button variant="outline" size="sm" onClick={() => fileRef.current?.click()}>
            <Upload aria-hidden />
            Import from file
          </Button>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Name"
            error={errors.name?.message}
            description={`Up to ${AGENT_LIMITS.name} characters.`}
          >
            <Input {...text('name')} autoComplete="off" />
          </Field>
          <Field
            label="Username"
            error={errors.username?.message}
            description="3–30 lowercase letters, digits, hyphens. Empty: generated from the name."
          >
            <Input {...text('username')} autoComplete="off" spellCheck={false} />
          </Field>
          <Field
            label="Bio"
            error={errors.bio?.message}
            description="One statement per line."
            className="sm:col-span-2"
          >
            <Textarea {...text('bio')} rows={3} />
          </Field>
          <Field
            label="Avatar URL"
            error={errors.avatarUrl?.message}
            description="An http(s) or data:image URL."
            className="sm:col-span-2"
          >
            <Input {...text('avatarUrl')} inputMode="url" spellCheck={false} />
          </Field>
          <Field label="Category" error={errors.category?.message}>
            <Input {...text('category')} list="agent-categories" autoComplete="off" />
          </Field>
          <datalist id="agent-categories">
            {AGENT_CATEGORIES.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <Field
            label="Tags"
            error={errors.tags?.message}
            description={`Comma-separated, at most ${AGENT_LIMITS.tags}.`}
          >
            <Input {...text('tags')} autoComplete="off" />
          </Field>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Behaviour</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Field
            label="System prompt"
            error={errors.system?.message}
            description={`Up to ${AGENT_LIMITS.system.toLocaleString('en-US')} characters.`}
            className="sm:col-span-2"
          >
            <Textarea {...text('system')} rows={5} />
          </Field>
          <Field label="Topics" error={errors.topics?.message} description="One per line.">
            <Textarea {...text('topics')} rows={3} />
          </Field>
          <Field label="Adjectives" error={errors.adjectives?.message} description="One per line.">
            <Textarea {...text('adjectives')} rows={3} />
          </Field>
          <Field
            label="Style: all"
            error={errors.style?.all?.message}
            description="Rules for every reply, one per line."
            className="sm:col-span-2"
          >
            <Textarea {...text('style.all')} rows={3} />
          </Field>
          <Field label="Style: chat" error={errors.style?.chat?.message}>
            <Textarea {...text('style.chat')} rows={3} />
          </Field>
          <Field label="Style: post" error={errors.style?.post?.message}>
            <Textarea {...text('style.post')} rows={3} />
          </Field>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Examples and knowledge</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          <fieldset className="grid gap-3">
            <legend className="mb-1 text-sm font-medium">Message examples</legend>
            <p className="text-xs text-muted-foreground">
              One conversation per box, one turn per line as “Speaker: text” ({'{{user1}}'} is the
              user).
            </p>
            {examples.fields.map((f, i) => (
              <div key={f.id} className="flex items-start gap-2">
                <Field
                  label={`Example ${i + 1}`}
                  error={errors.messageExamples?.[i]?.text?.message}
                  className="flex-1"
                >
                  <Textarea {...text(`messageExamples.${i}.text`)} rows={3} />
                </Field>
                <Button
                  size="icon-sm"
                  variant="ghost"
                  label={`Remove example ${i + 1}`}
                  className="mt-7"
                  disabled={locked('messageExamples')}
                  onClick={() => examples.remove(i)}
                >
                  <Trash2 aria-hidden />
                </Button>
              </div>
            ))}
            {errors.messageExamples?.message ? (
              <p className="text-xs font-medium text-destructive">
                {errors.messageExamples.message}
              </p>
            ) : null}
            <Button
              variant="outline"
              size="sm"
              className="justify-self-start"
              disabled={locked('messageExamples')}
              onClick={() => examples.append({ text: '{{user1}}: \n' })}
            >
              <Plus aria-hidden />
              Add example
            </Button>
          </fieldset>
          <Field
            label="Post examples"
            error={errors.postExamples?.message}
            description="One post per line."
          >
            <Textarea {...text('postExamples')} rows={3} />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Knowledge"
              error={errors.knowledge?.message}
              description="One fact or file path per line."
            >
              <Textarea {...text('knowledge')} rows={3} />
            </Field>
            <Field
              label="Plugins"
              error={errors.plugins?.message}
              description="One package per line."
            >
              <Textarea {...text('plugins')} rows={3} />
            </Field>
          </div>
        </CardContent>
      </Card>

      {extraSection}

      {/* With unsaved changes the row stays in view at the bottom of the window, however long the form. */}
      <div
        className={cn(
          'flex flex-wrap items-center gap-2',
          isDirty &&
            'sticky bottom-0 z-10 -mx-2 rounded-t-lg border-t border-border bg-background/95 px-2 py-3 backdrop-blur',
        )}
      >
        <Button type="submit" pending={formState.isSubmitting}>
          {submitLabel}
        </Button>
        {actions}
        {isDirty ? (
          <>
            <Button variant="ghost" disabled={formState.isSubmitting} onClick={() => form.reset()}>
              Discard changes
            </Button>
            <UnsavedChangesNote />
          </>
        ) : null}
      </div>
      <UnsavedChangesGuard
        shouldBlock={() => isDirty && !isSubmittingRef.current && (shouldGuard?.() ?? true)}
        description="Your changes to this agent are not saved; leaving throws them away."
      />
    </form>
  )
}
