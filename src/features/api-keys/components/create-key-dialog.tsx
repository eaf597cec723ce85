import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm, useWatch, type FieldPath } from 'react-hook-form'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { Textarea } from '@/components/ui/textarea'
import { isApiError } from '@/lib/api-error'
import { readDraft, useFormDraft } from '@/lib/use-draft'
import { useCreateApiKey } from '../api/mutations'
import { PERMISSION_GROUPS } from '../api/permissions'
import {
  createKeyInput,
  EXPIRY_PRESETS,
  NAME_MAX,
  RATE_LIMIT_DEFAULT,
  RATE_LIMIT_MAX,
  type CreateKeyValues,
  type ExpiryPreset,
  type IssuedKey,
} from '../api/schemas'

/** The form survives a reload and an error; it is cleared once the key is created. */
const DRAFT_KEY = 'eliza-console:api-keys:create-draft'

const EMPTY: CreateKeyValues = {
  name: '',
  description: '',
  permissions: [],
  rateLimit: RATE_LIMIT_DEFAULT,
  expiry: 'never',
  expiresOn: '',
}

/** The stored draft, field by field: a field of the wrong type falls back to its default. */
function initialValues(): CreateKeyValues {
  let stored: Partial<Record<keyof CreateKeyValues, unknown>> = {}
  try {
    const parsed: unknown = JSON.parse(readDraft(DRAFT_KEY) || '{}')
    if (parsed && typeof parsed === 'object') stored = parsed
  } catch {
    // An unreadable draft is dropped.
  }
  const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback)
  return {
    name: str(stored.name, EMPTY.name),
    description: str(stored.description, EMPTY.description),
    permissions: Array.isArray(stored.permissions)
      ? stored.permissions.filter((p): p is string => typeof p === 'string')
      : EMPTY.permissions,
    rateLimit: typeof stored.rateLimit === 'number' ? stored.rateLimit : EMPTY.rateLimit,
    expiry: (EXPIRY_PRESETS as readonly unknown[]).includes(stored.expiry)
      ? (stored.expiry as ExpiryPreset)
      : EMPTY.expiry,
    expiresOn: str(stored.expiresOn, EMPTY.expiresOn),
  }
}

const FIELDS = new Set<string>(['name', 'description', 'permissions', 'rateLimit', 'expiresOn'])
const SERVER_FIELDS: Record<string, FieldPath<CreateKeyValues>> = {
  rate_limit: 'rateLimit',
  expires_at: 'expiresOn',
}

type CreateKeyDialogProps = {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** The new key with its secret, to be shown once (the dialog itself closes). */
  onCreated: (issued: IssuedKey) => void
  /** Whether the upstream enforces permissions (the sandbox) or only stores them (the cloud). */
  isEnforced: boolean
}

/** "Create key": name, description, permissions (grouped, explained), rate limit and expiry. */
export function CreateKeyDialog({
  open,
  onOpenChange,
  onCreated,
  isEnforced,
}: CreateKeyDialogProps) {
  const create = useCreateApiKey()
  const [today] = useState(() => new Date().toISOString().slice(0, 10))
  const form = useForm<CreateKeyValues>({
    resolver: zodResolver(createKeyInput),
    defaultValues: initialValues(),
  })
  const draft = useFormDraft(form, DRAFT_KEY, (values) => values)
  const { register, handleSubmit, formState } = form
  const expiry = useWatch({ control: form.control, name: 'expiry' })

  const submit = handleSubmit(async (values) => {
    try {
      const issued = await create.mutateAsync(values)
      // The secret leaves the mutation cache at once (mutations.ts); only the caller holds it.
      create.reset()
      draft.clear()
      form.reset(EMPTY)
      onCreated(issued)
    } catch (error) {
      if (!isApiError(error)) return
      for (const [path, messages] of Object.entries(error.details.fieldErrors ?? {})) {
        const field = SERVER_FIELDS[path] ?? path
        if (FIELDS.has(field)) {
          form.setError(field as FieldPath<CreateKeyValues>, {
            type: 'server',
            message: messages.join(' '),
          })
        }
      }
    }
  })

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (create.isPending) return
        if (!next) create.reset()
        onOpenChange(next)
      }}
    >
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Create key</DialogTitle>
          <DialogDescription>
            The secret is shown once, right after it is created. What you type here is kept until
            then.
          </DialogDescription>
        </DialogHeader>
        <form
          id="create-key-form"
          aria-label="Create key"
          noValidate
          onSubmit={(event) => void submit(event)}
          className="grid gap-4"
        >
          <Field label="Name" error={formState.errors.name?.message}>
            <Input
              {...register('name')}
              maxLength={NAME_MAX + 20}
              placeholder="e.g. CI pipeline"
              autoComplete="off"
              data-autofocus
            />
          </Field>
          <Field
            label="Description"
            error={formState.errors.description?.message}
            description="Optional: what uses the key, so you know what breaks if you revoke it."
          >
            <Textarea {...register('description')} rows={2} />
          </Field>
          <fieldset className="grid gap-3" aria-describedby="permissions-help">
            <legend className="text-sm font-medium">Permissions</legend>
            <p id="permissions-help" className="text-xs text-muted-foreground">
              {isEnforced
                ? 'The sandbox refuses (403) the routes of every family you leave unticked. Tick none for a key with full access.'
                : 'elizaOS Cloud stores these but enforces none: every key has its user’s full rights. Tick none for a key with full access.'}
            </p>
            {PERMISSION_GROUPS.map((group) => (
              <div key={group.label} className="grid gap-2">
                <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
                  {group.label}
                </p>
                <div className="grid gap-2 sm:grid-cols-2">
                  {group.permissions.map((p) => (
                    <label
                      key={p.id}
                      className="flex items-start gap-2.5 rounded-md border p-2.5 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring"
                    >
                      <input
                        type="checkbox"
                        value={p.id}
                        {...register('permissions')}
                        aria-labelledby={`perm-${p.id}-label`}
                        aria-describedby={`perm-${p.id}`}
                        className="mt-0.5 size-4 shrink-0 accent-primary"
                      />
                      <span className="grid gap-0.5">
                        <span id={`perm-${p.id}-label`} className="text-sm leading-5 font-medium">
                          {p.label} <code className="text-xs text-muted-foreground">{p.id}</code>
                        </span>
                        <span id={`perm-${p.id}`} className="text-xs text-muted-foreground">
                          {p.description}
                        </span>
                      </span>
                    </label>
                  ))}
                </div>
              </div>
            ))}
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Rate limit (requests per minute)"
              error={formState.errors.rateLimit?.message}
              description={
                isEnforced
                  ? `1 to ${RATE_LIMIT_MAX.toLocaleString('en-US')}; the sandbox answers 429 beyond it.`
                  : `1 to ${RATE_LIMIT_MAX.toLocaleString('en-US')}; stored only by the cloud.`
              }
            >
              <Input
                type="number"
                inputMode="numeric"
                min={1}
                max={RATE_LIMIT_MAX}
                step={1}
                {...register('rateLimit', { valueAsNumber: true })}
              />
            </Field>
            <Field label="Expires" error={formState.errors.expiry?.message}>
              <NativeSelect {...register('expiry')} className="w-full">
                <option value="never">Never</option>
                <option value="7">In 7 days</option>
                <option value="30">In 30 days</option>
                <option value="90">In 90 days</option>
                <option value="365">In a year</option>
                <option value="custom">On a date…</option>
              </NativeSelect>
            </Field>
          </div>
          {expiry === 'custom' ? (
            <Field
              label="Expiry date"
              error={formState.errors.expiresOn?.message}
              description="The key stops working at the end of that day (your time)."
            >
              <Input type="date" min={today} {...register('expiresOn')} />
            </Field>
          ) : null}
          {create.isError ? <ErrorState error={create.error} /> : null}
        </form>
        <DialogFooter>
          <Button variant="outline" onClick={() => onOpenChange(false)} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" form="create-key-form" pending={create.isPending}>
            Create
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
