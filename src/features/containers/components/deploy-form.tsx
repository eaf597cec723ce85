import { zodResolver } from '@hookform/resolvers/zod'
import { useQuery } from '@tanstack/react-query'
import { AlertCircle, CloudOff, Rocket } from 'lucide-react'
import { useEffect, useState } from 'react'
import { useForm, useWatch, type FieldPath, type UseFormReturn } from 'react-hook-form'
import { BalanceNote } from '@/components/balance-note'
import { ErrorState } from '@/components/error-state'
import { QuotaMeter } from '@/components/quota-meter'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { balanceQuery } from '@/features/billing/api/queries'
import { isApiError } from '@/lib/api-error'
import { formatCountdown, useQuotaView } from '@/lib/rate-limit-quota'
import { useFormDraft } from '@/lib/use-draft'
import {
  ARCHITECTURES,
  DEPLOY_LIMITS,
  deployFieldFor,
  deployFormInput,
  isEnvMessage,
  toCreateBody,
  toDraft,
  type DeployFormValues,
} from '../api/deploy-form'
import { formatDotenv, parseDotenv } from '../lib/env'
import { useCreateContainer } from '../api/mutations'
import { containerListQuery } from '../api/queries'
import { CREATE_RATE_LIMIT, createQuota } from '../api/quota'
import { EcrHelper } from './ecr-helper'
import { EnvEditor, type EnvMode } from './env-editor'
import { PriceSummary } from './price-summary'
import { formatCpu, formatMemory } from './status-badge'

type DeployFormProps = {
  defaultValues: DeployFormValues
  draftKey: string
  /** The variables as deployed (a redeploy): values equal to these are not "unsaved". */
  baseEnv: Record<string, string>
  onDeployed: (containerId: string) => void
  /** Typed values the draft does not keep (variable values) would be lost by leaving. */
  onUnsavedChange: (hasUnsaved: boolean) => void
}

/** Moves the server's refusals onto their fields, the rest to the form's root (docs/architecture.md §8). */
function applyServerErrors(form: UseFormReturn<DeployFormValues>, error: unknown) {
  if (!isApiError(error)) return
  let placed = false
  for (const [path, messages] of Object.entries(error.details.fieldErrors ?? {})) {
    const field = deployFieldFor(path)
    if (field === 'root') continue
    form.setError(field as FieldPath<DeployFormValues>, {
      type: 'server',
      message: messages.join(' '),
    })
    placed = true
  }
  // Variable refusals come as a bare message (docs/containers.md §Create).
  if (!placed && error.kind === 'invalid' && isEnvMessage(error.message)) {
    form.setError('env', { type: 'server', message: error.message })
    placed = true
  }
  if (placed) form.setFocus(Object.keys(form.formState.errors)[0] as FieldPath<DeployFormValues>)
}

/**
 * The deploy form (docs/containers.md §Create): the cloud's create schema checked before sending,
 * the server's field errors on their fields, environment variables as rows or `.env` text, the
 * price and balance before Deploy, ECR credentials, and the create limit (5 per 5 minutes) with a
 * countdown once spent. The draft survives a reload, without the variables' values.
 */
export function DeployForm({
  defaultValues,
  draftKey,
  baseEnv,
  onDeployed,
  onUnsavedChange,
}: DeployFormProps) {
  const form = useForm<DeployFormValues>({
    resolver: zodResolver(deployFormInput),
    defaultValues,
    mode: 'onTouched',
  })
  const draft = useFormDraft(form, draftKey, toDraft)
  const { register, control, formState, setValue } = form
  const errors = formState.errors
  const create = useCreateContainer()
  const quota = useQuotaView(createQuota)
  const isWaiting = quota.waitMs > 0
  const [envMode, setEnvMode] = useState<EnvMode>('rows')
  const [rawText, setRawText] = useState('')
  const [rawErrors, setRawErrors] = useState<string[]>([])
  const [submitError, setSubmitError] = useState<unknown>(null)

  const [name, projectName, cpu, memory, instances, env] = useWatch({
    control,
    name: ['name', 'projectName', 'cpu', 'memory', 'instances', 'env'],
  })
  const containers = useQuery(containerListQuery())
  const target = containers.data?.find(
    (c) => projectName.trim() !== '' && c.projectName === projectName.trim(),
  )
  const sizing =
    Number.isInteger(cpu) && Number.isInteger(memory) && Number.isInteger(instances)
      ? { cpu, memory, instances }
      : null

  const hasUnsaved =
    !create.isSuccess &&
    (envMode === 'raw'
      ? rawText.trim() !== formatDotenv(env).trim() ||
        env.some((v) => v.value !== '' && v.value !== baseEnv[v.key])
      : env.some((v) => v.value !== '' && v.value !== baseEnv[v.key]))
  useEffect(() => onUnsavedChange(hasUnsaved), [hasUnsaved, onUnsavedChange])

  const switchMode = (next: EnvMode) => {
    if (next === envMode) return
    if (next === 'raw') {
      setRawText(formatDotenv(form.getValues('env')))
      setRawErrors([])
      setEnvMode('raw')
      return
    }
    if (applyRaw()) setEnvMode('rows')
  }

  /** Reads the `.env` text into the rows; false (and the reasons shown) when it cannot. */
  function applyRaw(): boolean {
    const { vars, errors: problems } = parseDotenv(rawText)
    setRawErrors(problems)
    if (problems.length > 0) return false
    setValue('env', vars.length > 0 ? vars : [{ key: '', value: '' }], {
      shouldDirty: true,
      shouldValidate: formState.isSubmitted,
    })
    return true
  }

  const onValid = async (values: DeployFormValues) => {
    setSubmitError(null)
    try {
      const created = await create.mutateAsync(toCreateBody(values))
      draft.clear()
      onDeployed(created.container.id)
    } catch (error) {
      applyServerErrors(form, error)
      setSubmitError(error)
    }
  }

  const handleSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    if (envMode === 'raw' && !applyRaw()) return
    void form.handleSubmit(onValid, (invalid) => {
      // A refused variable is shown in the rows, where it can be fixed.
      if (invalid.env && envMode === 'raw') setEnvMode('rows')
    })(event)
  }

  return (
    <form
      noValidate
      onSubmit={handleSubmit}
      className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,21rem)]"
      aria-label="Deploy container"
    >
      <div className="grid min-w-0 gap-6">
        <Card>
          <CardHeader>
            <div className="grid gap-1">
              <CardTitle className="text-base font-semibold text-foreground">Service</CardTitle>
              <CardDescription>
                What runs: an image from your ECR repository, and the name it goes by.
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Name"
              error={errors.name?.message}
              description={`Up to ${DEPLOY_LIMITS.name} characters.`}
            >
              <Input {...register('name')} autoComplete="off" />
            </Field>
            <Field
              label="Project name"
              error={errors.projectName?.message}
              description={
                target
                  ? `Matches “${target.name}”: deploying updates that container.`
                  : 'Identifies the stack. Reusing one of your project names redeploys it.'
              }
            >
              <Input {...register('projectName')} autoComplete="off" spellCheck={false} />
            </Field>
            <div className="grid gap-2 sm:col-span-2">
              <Field
                label="Image"
                error={errors.image?.message}
                description="The full reference with its tag, e.g. …dkr.ecr.us-east-1.amazonaws.com/…/my-agent:1.0.0. Later updates need an ECR image."
              >
                <Input
                  {...register('image')}
                  autoComplete="off"
                  spellCheck={false}
                  className="font-mono text-xs"
                />
              </Field>
              <div className="flex flex-wrap items-center gap-2">
                <EcrHelper
                  projectName={projectName.trim() || name.trim().toLowerCase().replace(/\s+/g, '-')}
                  onUseImage={(uri) =>
                    setValue('image', uri, { shouldDirty: true, shouldValidate: true })
                  }
                />
                <span className="text-xs text-muted-foreground">
                  A repository and a push token for your image, with the docker commands.
                </span>
              </div>
            </div>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <div className="grid gap-1">
              <CardTitle className="text-base font-semibold text-foreground">Resources</CardTitle>
              <CardDescription>
                Size sets the price; see it below before you deploy.
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-3">
            <Field
              label="CPU units"
              error={errors.cpu?.message}
              description={`${DEPLOY_LIMITS.cpu.min}–${DEPLOY_LIMITS.cpu.max}; ${Number.isInteger(cpu) ? formatCpu(cpu) : '1024 = 1 vCPU'}.`}
            >
              <Input
                type="number"
                inputMode="numeric"
                step={256}
                {...register('cpu', { valueAsNumber: true })}
              />
            </Field>
            <Field
              label="Memory (MB)"
              error={errors.memory?.message}
              description={`${DEPLOY_LIMITS.memory.min}–${DEPLOY_LIMITS.memory.max}${Number.isInteger(memory) ? ` · ${formatMemory(memory)}` : ''}.`}
            >
              <Input
                type="number"
                inputMode="numeric"
                step={256}
                {...register('memory', { valueAsNumber: true })}
              />
            </Field>
            <Field
              label="Instances"
              error={errors.instances?.message}
              description={`${DEPLOY_LIMITS.instances.min}–${DEPLOY_LIMITS.instances.max} copies.`}
            >
              <Input
                type="number"
                inputMode="numeric"
                {...register('instances', { valueAsNumber: true })}
              />
            </Field>
            <Field
              label="Port"
              error={errors.port?.message}
              description="The port the app listens on."
            >
              <Input
                type="number"
                inputMode="numeric"
                {...register('port', { valueAsNumber: true })}
              />
            </Field>
            <Field
              label="Health check path"
              error={errors.healthCheckPath?.message}
              description="Must answer 2xx when healthy."
            >
              <Input
                {...register('healthCheckPath')}
                autoComplete="off"
                spellCheck={false}
                className="font-mono text-xs"
              />
            </Field>
            <Field label="Architecture" description="arm64 runs on t4g, x86_64 on t3.">
              <NativeSelect className="w-full" {...register('architecture')}>
                {ARCHITECTURES.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <div className="grid gap-1">
              <CardTitle className="text-base font-semibold text-foreground">
                Environment variables
              </CardTitle>
              <CardDescription>
                Passed to the container. Their values are not kept in this page’s draft (they are
                often secrets): leaving the page with values typed asks first.
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <EnvEditor
              form={form}
              mode={envMode}
              onModeChange={switchMode}
              rawText={rawText}
              onRawTextChange={(text) => {
                setRawText(text)
                if (rawErrors.length > 0) setRawErrors([])
              }}
              rawErrors={rawErrors}
            />
          </CardContent>
        </Card>
      </div>
      <Card className="lg:sticky lg:top-20">
        <CardHeader>
          <div className="grid gap-1">
            <CardTitle className="text-base font-semibold text-foreground">Price</CardTitle>
            <CardDescription>
              Deploying is asynchronous: the container page follows it to running.
            </CardDescription>
          </div>
        </CardHeader>
        <CardContent className="grid gap-4">
          <PriceSummary sizing={sizing} isRedeploy={target !== undefined} />
          <QuotaMeter view={quota} rateLimit={CREATE_RATE_LIMIT} label="Deploy quota" />
          {submitError ? <SubmitError error={submitError} /> : null}
          {Object.keys(errors).length > 0 && !submitError ? (
            <p role="alert" className="text-sm font-medium text-destructive">
              Fix the highlighted fields; nothing was sent.
            </p>
          ) : null}
          <div className="flex flex-wrap items-center gap-3">
            <Button
              type="submit"
              pending={create.isPending}
              disabled={isWaiting}
              className="min-w-28"
            >
              <Rocket aria-hidden />
              Deploy
            </Button>
            {isWaiting ? (
              <p className="text-xs text-muted-foreground">
                Available again in {formatCountdown(quota.waitMs)}
              </p>
            ) : null}
          </div>
        </CardContent>
      </Card>
    </form>
  )
}

/** Where a refused deploy says why, next to the Deploy button; nothing typed is lost. */
function SubmitError({ error }: { error: unknown }) {
  if (isApiError(error) && error.status === 503 && /not configured/i.test(error.message)) {
    return (
      <Alert variant="warning" role="alert">
        <CloudOff aria-hidden />
        <AlertTitle>Deployments are not configured on this cloud</AlertTitle>
        <AlertDescription>
          <p>
            The cloud answered that its container platform (AWS) is not set up, so it cannot deploy
            anything right now. Your form is kept; try again later or ask the cloud’s operator.
          </p>
          <p className="text-xs">{error.message}</p>
        </AlertDescription>
      </Alert>
    )
  }
  if (isApiError(error) && error.kind === 'invalid' && error.details.fieldErrors) {
    return (
      <Alert variant="destructive" role="alert">
        <AlertCircle aria-hidden />
        <AlertTitle>The cloud refused some fields</AlertTitle>
        <AlertDescription>They are marked above. {error.message}</AlertDescription>
      </Alert>
    )
  }
  return (
    <div className="grid gap-2">
      <ErrorState error={error} />
      {isApiError(error) && error.kind === 'insufficient_credits' ? (
        <BalanceNote query={balanceQuery()} />
      ) : null}
    </div>
  )
}
