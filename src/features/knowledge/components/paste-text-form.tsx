import { zodResolver } from '@hookform/resolvers/zod'
import { ClipboardType } from 'lucide-react'
import { useForm, useWatch } from 'react-hook-form'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Textarea } from '@/components/ui/textarea'
import { formatBytes } from '@/lib/format'
import { readDraft, useFieldDraft } from '@/lib/use-draft'
import { useAddKnowledgeText } from '../api/mutations'
import { isKnowledgeUnavailable } from '../api/queries'
import { pasteFilename, pasteTextInput, type PasteTextValues } from '../api/schemas'
import { KnowledgeUnavailable } from './knowledge-unavailable'

/** Both fields survive a reload and an error; they are cleared only once the text is added. */
const NAME_DRAFT = 'eliza-console:knowledge-draft:paste-name'
const CONTENT_DRAFT = 'eliza-console:knowledge-draft:paste-content'

/** Whether a pasted text is waiting in the drafts (the panel opens the form then). */
export const hasPasteDraft = () => readDraft(NAME_DRAFT) !== '' || readDraft(CONTENT_DRAFT) !== ''

type PasteTextFormProps = {
  agentId: string
  onAdded: (added: {
    name: string
    size: number
    documentId: string
    fragmentCount: number
  }) => void
}

/** "Paste text": one document from a name and the text (`POST /api/v1/knowledge`). */
export function PasteTextForm({ agentId, onAdded }: PasteTextFormProps) {
  const add = useAddKnowledgeText(agentId)
  const form = useForm<PasteTextValues>({
    resolver: zodResolver(pasteTextInput),
    defaultValues: { name: readDraft(NAME_DRAFT), content: readDraft(CONTENT_DRAFT) },
  })
  useFieldDraft(form, 'name', NAME_DRAFT)
  useFieldDraft(form, 'content', CONTENT_DRAFT)
  const { register, handleSubmit, formState } = form
  const name = useWatch({ control: form.control, name: 'name' })
  const savedAs = name.trim() ? pasteFilename(name) : null

  const submit = handleSubmit(async (values) => {
    try {
      const result = await add.mutateAsync(values)
      onAdded({
        name: pasteFilename(values.name),
        size: new Blob([values.content]).size,
        documentId: result.documentId,
        fragmentCount: result.fragmentCount,
      })
      form.reset({ name: '', content: '' })
    } catch {
      // Shown below from the mutation's state; what was typed stays.
    }
  })

  return (
    <form
      aria-label="Paste text"
      noValidate
      onSubmit={(event) => void submit(event)}
      className="grid gap-3"
    >
      <Field
        label="Name"
        error={formState.errors.name?.message}
        description={
          savedAs && savedAs !== name.trim()
            ? `Saved as ${savedAs}.`
            : 'A filename; .txt is added when it has no extension.'
        }
      >
        <Input {...register('name')} placeholder="e.g. meeting-notes.md" autoComplete="off" />
      </Field>
      <Field
        label="Content"
        error={formState.errors.content?.message}
        description={`Plain text or Markdown, up to ${formatBytes(5 * 1024 * 1024)}.`}
      >
        <Textarea
          {...register('content')}
          rows={6}
          placeholder="Paste or type the text the agent should know…"
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) void submit()
          }}
        />
      </Field>
      {add.isError ? (
        isKnowledgeUnavailable(add.error) ? (
          <KnowledgeUnavailable action="add" compact />
        ) : (
          <ErrorState error={add.error} />
        )
      ) : null}
      <div>
        <Button type="submit" pending={add.isPending}>
          <ClipboardType aria-hidden />
          Add text
        </Button>
      </div>
    </form>
  )
}
