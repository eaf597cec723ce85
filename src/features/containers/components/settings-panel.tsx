import { zodResolver } from '@hookform/resolvers/zod'
import { AlertCircle, Hourglass } from 'lucide-react'
import type { ReactNode } from 'react'
import { useForm } from 'react-hook-form'
import { ErrorState } from '@/components/error-state'
import { toast } from '@/components/toast'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { isApiError } from '@/lib/api-error'
import { formatDuration } from '@/lib/format'
import { useNow } from '@/lib/use-now'
import {
  ECR_MARKER,
  settingsFormInput,
  toUpdateBody,
  UPDATE_LIMITS,
  type SettingsFormValues,
} from '../api/deploy-form'
import type { ContainerDetail } from '../api/detail-schemas'
import { useUpdateContainer } from '../api/mutations'
import { isMovingStatus } from '../api/schemas'

const FIELD_BY_MESSAGE: [RegExp, keyof SettingsFormValues][] = [
  [/^CPU/i, 'cpu'],
  [/^Memory/i, 'memory'],
  [/^Port/i, 'port'],
  [/ECR image URI/i, 'image'],
]

/**
 * What PATCH can change (docs/containers.md §Update): CPU, memory (from 512 MB), port and an ECR
 * image. The cloud holds the request open while the stack updates, up to 15 minutes, so the form
 * says so while it runs. Environment variables and instances need a redeploy.
 */
export function SettingsPanel({
  container: c,
  redeployLink,
}: {
  container: ContainerDetail
  redeployLink: ReactNode
}) {
  const current: SettingsFormValues = {
    cpu: c.cpu ?? 1792,
    memory: c.memory ?? 1792,
    port: c.port ?? 3000,
    image: c.imageUri ?? '',
  }
  const form = useForm<SettingsFormValues>({
    resolver: zodResolver(settingsFormInput),
    defaultValues: current,
    mode: 'onTouched',
  })
  const update = useUpdateContainer(c.id)
  const { register, formState, handleSubmit } = form
  const errors = formState.errors
  const startedAt = update.submittedAt
  const now = useNow(update.isPending)
  const isBusy = isMovingStatus(c.status) && !update.isPending

  const submit = handleSubmit(async (values) => {
    const body = toUpdateBody(values, current)
    if (Object.keys(body).length === 0) {
      form.setError('root', { type: 'client', message: 'Nothing changed.' })
      return
    }
    try {
      const updated = await update.mutateAsync(body)
      form.reset({
        cpu: updated.cpu ?? values.cpu,
        memory: updated.memory ?? values.memory,
        port: updated.port ?? values.port,
        image: updated.imageUri ?? values.image,
      })
      toast.success('Container updated')
    } catch (error) {
      // A refusal with a field-shaped message goes on that field; the rest shows below.
      if (isApiError(error) && error.kind === 'invalid') {
        const match = FIELD_BY_MESSAGE.find(([re]) => re.test(error.message))
        if (match) form.setError(match[1], { type: 'server', message: error.message })
      }
    }
  })

  return (
    <form noValidate onSubmit={submit} className="grid max-w-3xl gap-4" aria-label="Settings">
      <p className="text-sm text-muted-foreground">
        Changes update the running stack; they are not billed. Environment variables, instances and
        the name need a redeploy. {redeployLink}
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="CPU units"
          error={errors.cpu?.message}
          description={`${UPDATE_LIMITS.cpu.min}–${UPDATE_LIMITS.cpu.max}; 1024 = 1 vCPU.`}
        >
          <Input type="number" inputMode="numeric" {...register('cpu', { valueAsNumber: true })} />
        </Field>
        <Field
          label="Memory (MB)"
          error={errors.memory?.message}
          description={`${UPDATE_LIMITS.memory.min}–${UPDATE_LIMITS.memory.max} MB (updates start at 512).`}
        >
          <Input
            type="number"
            inputMode="numeric"
            {...register('memory', { valueAsNumber: true })}
          />
        </Field>
        <Field label="Port" error={errors.port?.message} description="The port the app listens on.">
          <Input type="number" inputMode="numeric" {...register('port', { valueAsNumber: true })} />
        </Field>
        <Field
          label="Image"
          error={errors.image?.message}
          description={`An ECR image (contains ${ECR_MARKER}); push a new tag, then set it here.`}
          className="sm:col-span-2"
        >
          <Input
            {...register('image')}
            spellCheck={false}
            autoComplete="off"
            className="font-mono"
          />
        </Field>
      </div>
      {errors.root ? (
        <p role="alert" className="text-sm text-muted-foreground">
          {errors.root.message}
        </p>
      ) : null}
      {update.isPending ? (
        <Alert variant="info" role="status">
          <Hourglass aria-hidden />
          <AlertTitle>
            Updating the stack… {startedAt ? formatDuration(now - startedAt) : null}
          </AlertTitle>
          <AlertDescription>
            The cloud answers when CloudFormation has finished, which can take up to 15 minutes. You
            can leave this page: the update goes on, and the status shows how it ends.
          </AlertDescription>
        </Alert>
      ) : null}
      {update.isError ? (
        isApiError(update.error) && update.error.kind === 'timeout' ? (
          <Alert variant="warning" role="alert">
            <AlertCircle aria-hidden />
            <AlertTitle>No answer yet</AlertTitle>
            <AlertDescription>
              The console stopped waiting, but the update may still finish on the cloud: the status
              above keeps being checked.
            </AlertDescription>
          </Alert>
        ) : (
          <ErrorState error={update.error} />
        )
      ) : null}
      {isBusy ? (
        <p className="text-sm text-muted-foreground">
          The container is {c.status}; change its settings once it has settled.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" pending={update.isPending} disabled={isBusy}>
          Apply changes
        </Button>
        {formState.isDirty && !update.isPending ? (
          <Button variant="ghost" onClick={() => form.reset(current)}>
            Discard
          </Button>
        ) : null}
      </div>
    </form>
  )
}
